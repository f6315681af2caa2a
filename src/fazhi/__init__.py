"""fazhi: rule-of-law government platform."""
__version__ = "0.1.0"
