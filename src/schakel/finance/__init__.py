"""One integral social-domain budget and payment on results (issue 5): budgets, commitments, realisation, forecast, payments."""
