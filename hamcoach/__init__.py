"""hamcoach: a terminal workout coach for hamstrings, posture and a healthy low back."""

__version__ = "0.1.0"
