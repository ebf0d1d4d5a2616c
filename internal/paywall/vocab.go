package paywall

// Vocabulary is the paywall wording that DetectRendered looks for, in
// English, German, French, Spanish, Italian, Dutch, Portuguese and Polish.
// Terms match case-insensitively as whole words or phrases (a space matches
// any run of white space); a term that ends in "*" is a stem.
type Vocabulary struct {
	// Gate says outright that the content is for subscribers or continues
	// after paying or signing in ("subscribe to continue reading").
	Gate []string `json:"gate"`
	// Subscribe names subscriptions; it counts only without Newsletter.
	Subscribe []string `json:"subscribe"`
	// Newsletter names newsletters and mailing lists: a box that offers one
	// is not a paywall prompt unless it also says Gate.
	Newsletter []string `json:"newsletter"`
	// Comments name comment sections: "commenting is for subscribers" is
	// not a paywall on the article.
	Comments []string `json:"comments"`
}

// Words returns the paywall vocabulary, a fresh copy on every call.
func Words() Vocabulary {
	return Vocabulary{
		Gate: []string{
			"subscribe to continue", "subscribe to read", "subscribe now to continue", "to continue reading", "continue reading with", "to keep reading", "to read the full", "to read this article",
			"subscribers only", "subscriber-only", "subscriber only", "for subscribers", "exclusive to subscribers", "exclusively for subscribers", "already a subscriber", "already subscribed",
			"premium content", "premium article", "members only", "member-only", "for members", "unlock this article", "unlock this story", "unlock full access", "you have reached your limit",
			"free articles remaining", "free article limit", "log in to continue reading", "sign in to continue reading", "register to continue reading", "this article is for paid",
			"weiterlesen mit", "jetzt weiterlesen", "lesen sie jetzt weiter", "um weiterzulesen", "für abonnenten", "exklusiv für abonnenten", "nur für abonnenten", "bereits abonnent", "schon abonnent",
			"plus-artikel", "artikel freischalten", "jetzt freischalten", "abonnenten lesen", "mit abo lesen", "digital-abo", "digitalabo",
			"réservé aux abonnés", "réservée aux abonnés", "déjà abonné", "pour lire la suite", "lire la suite de cet article", "article réservé", "contenu réservé", "abonnez-vous pour", "il vous reste",
			"exclusivo para suscriptores", "solo para suscriptores", "sólo para suscriptores", "ya eres suscriptor", "para seguir leyendo", "para continuar leyendo", "contenido exclusivo para", "suscríbete para",
			"riservato agli abbonati", "riservata agli abbonati", "sei già abbonato", "per continuare a leggere", "contenuto riservato", "articolo riservato", "abbonati per",
			"alleen voor abonnees", "ben je al abonnee", "lees verder met", "om verder te lezen", "word abonnee", "premium artikel", "log in om verder te lezen",
			"exclusivo para assinantes", "conteúdo exclusivo para", "já é assinante", "para continuar lendo", "para continuar a ler", "assine para",
			"tylko dla subskrybentów", "wykup subskrypcję", "wykup dostęp", "masz już subskrypcję", "aby przeczytać cały", "aby czytać dalej", "artykuł dostępny tylko", "treść premium", "dostęp premium",
		},
		Subscribe: []string{
			"subscribe*", "subscription*", "abonn*", "abo", "suscri*", "abbona*", "assinatura*", "assine", "subskrypc*", "prenumerat*",
		},
		Newsletter: []string{
			"newsletter*", "nieuwsbrief*", "boletín", "boletim", "mailing list", "e-mail updates", "email updates", "inbox",
		},
		Comments: []string{
			"comment*", "kommentar*", "commentaire*", "commenter", "comentar*", "commenti", "commentare", "reageren", "reacties", "comentário*", "komentarz*", "komentowa*",
		},
	}
}
