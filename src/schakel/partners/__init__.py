"""Re-integration together with health insurers (issue 7): partnerships, collective policy and fund, interventions, referrals with consent, shared outcomes, collaboration check."""
