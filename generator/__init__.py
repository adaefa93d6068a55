"""Generator for the 《信访工作条例》 study site: parse → model → validate → render."""

__version__ = "0.1.0"
