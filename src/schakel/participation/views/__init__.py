"""Web screens of the participation app: council members and secretaries (login) and the public register."""
