package consent

// Vocabulary is the consent wording that the generic detector and the
// generic "accept all" search look for, in English, German, French, Spanish,
// Italian, Dutch, Portuguese and Polish. Terms match case-insensitively as
// whole words or phrases (a space matches any run of white space); a term
// that ends in "*" is a stem and also matches longer words ("cookie*"
// matches "Cookies" and "Cookie-Einstellungen").
type Vocabulary struct {
	// Cookie names cookies and similar storage.
	Cookie []string `json:"cookie"`
	// Consent names consent itself.
	Consent []string `json:"consent"`
	// Privacy names privacy, personal data, partners and tracking.
	Privacy []string `json:"privacy"`
	// AcceptAll are the labels of "accept all" buttons.
	AcceptAll []string `json:"acceptAll"`
	// Accept are the labels of plain accept or acknowledge buttons.
	Accept []string `json:"accept"`
	// Negative words disqualify a button label: reject, necessary only,
	// settings, selection, continue without, learn more.
	Negative []string `json:"negative"`
}

// Words returns the consent vocabulary, a fresh copy on every call.
func Words() Vocabulary {
	return Vocabulary{
		Cookie: []string{
			"cookie*", "ciasteczk*", "témoins", "galletas",
		},
		Consent: []string{
			"consent*", // en; fr consentement; es, pt consentimiento, consentimento
			"einwillig*", "zustimmung*", "einverständnis*",
			"consenso", "acconsent*",
			"toestemming*",
			"zgoda", "zgodę", "zgody", "wyrażam zgod*", "wyrażenie zgod*",
		},
		Privacy: []string{
			"privacy", "personal data", "your data", "our partners", "third parties", "third-party", "tracking", "personalised", "personalized",
			"datenschutz*", "personenbezogen*", "ihre daten", "partner*", "drittanbieter*",
			"vie privée", "données", "confidentialité", "partenaires", "traceurs",
			"privacidad", "datos personales", "socios", "terceros",
			"riservatezza", "dati personali", "terze parti",
			"persoonsgegevens", "gegevens", "derden",
			"privacidade", "dados pessoais", "parceiros",
			"prywatnoś*", "danych osobowych", "dane osobowe", "partnerzy", "zaufanych partnerów",
		},
		AcceptAll: []string{
			"accept all", "accept all cookies", "accept cookies", "allow all", "allow all cookies", "agree to all", "accept & close", "accept and close", "agree and close", "agree and proceed", "accept and continue", "agree and continue",
			"alle akzeptieren", "alles akzeptieren", "alle cookies akzeptieren", "alle zulassen", "alle cookies zulassen", "alle annehmen", "allen zustimmen", "alle erlauben", "akzeptieren und schließen", "zustimmen und weiter", "akzeptieren und weiter",
			"tout accepter", "accepter tout", "accepter tous les cookies", "tout autoriser", "accepter et fermer", "accepter et continuer", "j'accepte tout",
			"aceptar todo", "aceptar todas", "aceptar todos", "aceptar todas las cookies", "aceptar cookies", "permitir todas", "permitir todo", "aceptar y cerrar", "aceptar y continuar",
			"accetta tutti", "accetta tutto", "accetta tutti i cookie", "accetta i cookie", "accetta e chiudi", "accetta e continua", "consenti tutti",
			"alles accepteren", "alle cookies accepteren", "alles toestaan", "alle cookies toestaan", "cookies accepteren", "accepteren en sluiten",
			"aceitar todos", "aceitar tudo", "aceitar todos os cookies", "aceitar cookies", "permitir todos", "aceitar e fechar", "aceitar e continuar",
			"zaakceptuj wszystkie", "akceptuj wszystkie", "akceptuję wszystkie", "zezwól na wszystkie", "zgadzam się na wszystkie", "akceptuj i zamknij", "zaakceptuj i zamknij", "przejdź do serwisu",
		},
		Accept: []string{
			"accept", "i accept", "agree", "i agree", "allow", "allow cookies", "got it", "ok", "okay", "yes", "i understand", "understood", "continue",
			"akzeptieren", "ich akzeptiere", "zustimmen", "ich stimme zu", "einverstanden", "annehmen", "zulassen", "erlauben", "verstanden", "weiter",
			"accepter", "j'accepte", "d'accord", "autoriser", "j'ai compris", "compris", "continuer",
			"aceptar", "acepto", "de acuerdo", "entendido", "vale", "permitir", "continuar",
			"accetta", "accetto", "acconsento", "consenti", "ho capito", "va bene", "continua",
			"accepteren", "akkoord", "ik ga akkoord", "toestaan", "begrepen", "oké", "doorgaan",
			"aceitar", "aceito", "concordo", "entendi", "permitir", "prosseguir",
			"akceptuję", "akceptuj", "zaakceptuj", "zgadzam się", "zgoda", "rozumiem", "przejdź dalej", "dalej",
		},
		Negative: []string{
			"reject*", "decline*", "deny", "refuse*", "necessary", "essential*", "only", "selection", "selected", "setting*", "preference*", "manage*", "customi*", "option*", "more", "without", "learn", "details", "privacy", "policy", "necessar*",
			"ablehn*", "notwendig*", "erforderlich*", "essenziell*", "nur", "auswahl", "einstellung*", "anpassen", "verwalten", "ohne", "mehr", "weitere", "datenschutz*",
			"refuser", "rejeter", "nécessaire*", "essentiel*", "seulement", "uniquement", "paramètre*", "paramétrer", "personnaliser", "sélection", "sans", "plus", "gérer",
			"rechaz*", "necesari*", "solo", "sólo", "configura*", "selección", "sin", "más", "gestionar", "personalizar",
			"rifiut*", "necessari", "impostazioni", "personalizza", "selezion*", "senza", "gestisci", "altro",
			"weiger*", "afwijzen", "noodzakelijk*", "alleen", "instelling*", "selectie", "zonder", "meer", "beheren", "aanpassen",
			"rejeitar", "recusar", "necessári*", "apenas", "definições", "seleção", "sem", "gerir", "gerenciar",
			"odrzu*", "niezbędn*", "tylko", "ustawieni*", "dostosuj", "wybran*", "bez", "więcej", "zarządzaj",
		},
	}
}
