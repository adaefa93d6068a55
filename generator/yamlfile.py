"""YAML reading shared by the bank and the notes."""

import yaml

# libyaml's loader when PyYAML was built with it (the wheels are): banks and notes are read on every build,
# and the pure-Python composer was a third of the plugin's time.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
