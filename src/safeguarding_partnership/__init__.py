"""safeguarding-partnership: England's multi-agency safeguarding arrangements as checked code."""
