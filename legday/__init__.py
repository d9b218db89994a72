"""legday: leg strength work planned around a runner's log.

The package never imports streamlit: pages wire widgets to these pure functions.
"""

__version__ = "0.1.0"
