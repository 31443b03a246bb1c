"""quantities stage."""
