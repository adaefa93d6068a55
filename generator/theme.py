"""What the build changes in mkdocs-material's own files so that no page ever asks another host for anything
(DESIGN: no network at run time, over http and file://).

The theme's bundle fetches scripts from unpkg.com in two cases: a browser without ResizeObserver (older
WebViews) gets https://unpkg.com/resize-observer-polyfill on every page, and a page with a Mermaid diagram
gets Mermaid. It also asks the GitHub or GitLab API for a repository's stars when `repo_url` is set. The
polyfill is vendored instead (npm `resize-observer-polyfill`, pinned, copied to POLYFILL at build time);
Mermaid is not part of this site, so its URL becomes a same-site path; the repository facts cannot work
offline, so `repo_url` is refused (generator.plugin) and the API URLs become same-site paths too.
"""

from __future__ import annotations

import re

POLYFILL = "assets/vendor/resize-observer-polyfill.js"
THEME_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
# The theme's lunr search (worker and language files) is replaced by ours (generator/search/): not shipped.
UNUSED_WITH_OUR_SEARCH = re.compile(
    r"assets/javascripts/(lunr/.*|workers/search\.[0-9a-f]+\.min\.js(\.map)?)")

# (text in the bundle, replacement): each must occur exactly once. `__md_scope` is the theme's own URL of the
# site root (partials/javascripts/base.html), so the paths resolve from any page, over http and file://.
_LOCAL = 'new URL("{path}",__md_scope).href'
BUNDLE_REWRITES = [
    ('"https://unpkg.com/resize-observer-polyfill"', _LOCAL.format(path=POLYFILL)),
    ('"https://unpkg.com/mermaid@11/dist/mermaid.min.js"',
     _LOCAL.format(path="assets/vendor/mermaid-not-included.js")),
    ("`https://api.github.com/repos/${e}/${t}`", "`./no-repository-api/${e}/${t}`"),
    ("`https://api.github.com/users/${e}`", "`./no-repository-api/${e}`"),
    ("`https://${e}/api/v4/projects/", "`./no-repository-api/${e}/"),
]


def patch_bundle(text: str) -> str:
    """The theme's bundle.*.min.js with BUNDLE_REWRITES applied.

    Raises ValueError naming the text that is missing or repeated: a new mkdocs-material release moved it,
    and BUNDLE_REWRITES must be brought up to date before the site can be trusted offline."""
    for old, new in BUNDLE_REWRITES:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"mkdocs-material 的 bundle 中“{old}”出现 {count} 次（应为 1 次）："
                             "主题版本变了，请更新 generator/theme.py 的 BUNDLE_REWRITES")
        text = text.replace(old, new)
    return text
