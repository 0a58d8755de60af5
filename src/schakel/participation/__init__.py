"""Advisory councils (issue 8): councils, advice requests, advice, responses, meetings, public register."""
