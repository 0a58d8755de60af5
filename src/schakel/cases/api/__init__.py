"""API of the cases app: cases (``/casussen``) with their sub-actions, plans, goals, actions and decisions."""
