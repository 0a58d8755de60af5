"""iWmo/iJw 3.2 message exchange (issue 4): XSD validation, build/parse, rules, retour, transports."""
