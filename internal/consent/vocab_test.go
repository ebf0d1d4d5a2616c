package consent

// vocabularyCase is one text and the score consent.js must give it: for a
// notice, 2 for a cookie word, 2 for a consent word, 1 for a privacy word (a
// UI needs 4, an accept button inside adds 2); for a button label, 3 for
// "accept all", 2 for a plain accept, 0 for anything else.
type vocabularyCase struct {
	kind, text string
	want       int
}

func vocabularyCases() []vocabularyCase {
	return []vocabularyCase{
		{"notice", "We use cookies to improve your experience.", 2},
		{"notice", "With your consent, we and our partners process personal data.", 3},
		{"notice", "Wir verwenden Cookies. Mit Ihrer Einwilligung verarbeiten wir Ihre Daten.", 5},
		{"notice", "Nous utilisons des cookies pour améliorer votre expérience, avec votre consentement.", 4},
		{"notice", "Utilizamos cookies propias y de terceros.", 3},
		{"notice", "Questo sito utilizza cookie. Con il tuo consenso li usiamo anche per il marketing.", 4},
		{"notice", "Wij gebruiken cookies. Geef je toestemming.", 4},
		{"notice", "Utilizamos cookies. Precisamos do seu consentimento.", 4},
		{"notice", "Używamy plików cookie. Wyrażam zgodę na przetwarzanie danych osobowych.", 5},
		{"notice", "Subscribe to our newsletter. We respect your privacy.", 0},
		{"notice", "Zgodnie z przepisami prawa prasowego.", 0},
		{"notice", "Sign in to read more.", 0},
		{"button", "Accept all", 3},
		// consent.js looks for the words as lower-cased substrings before it
		// runs the pattern: upper case, other white space, Polish capitals and
		// the long s (ſ folds to s) must still match.
		{"button", "ACCEPT\u00a0 \n ALL", 3},
		{"button", "AKCEPTUJĘ WSZYSTKIE", 3},
		{"notice", "With your CONſENT, we and our partners process personal data.", 3},
		{"button", "Accepted", 0},
		{"button", "Accept All Cookies", 3},
		{"button", "Alle akzeptieren", 3},
		{"button", "Tout accepter", 3},
		{"button", "Aceptar todas", 3},
		{"button", "Accetta tutti", 3},
		{"button", "Alles accepteren", 3},
		{"button", "Aceitar todos", 3},
		{"button", "Akceptuję wszystkie", 3},
		{"button", "Accept", 2},
		{"button", "OK", 2},
		{"button", "Got it!", 2},
		{"button", "Das ist ok", 2},
		{"button", "Akzeptieren", 2},
		{"button", "J'accepte", 2},
		{"button", "Aceptar", 2},
		{"button", "Accetto", 2},
		{"button", "Akkoord", 2},
		{"button", "Concordo", 2},
		{"button", "Zgadzam się", 2},
		{"button", "Reject all", 0},
		{"button", "Accept only necessary", 0},
		{"button", "Nur notwendige Cookies akzeptieren", 0},
		{"button", "Auswahl akzeptieren", 0},
		{"button", "Allow selection", 0},
		{"button", "Continuer sans accepter", 0},
		{"button", "Tout refuser", 0},
		{"button", "Rechazar", 0},
		{"button", "Rifiuta", 0},
		{"button", "Weigeren", 0},
		{"button", "Rejeitar", 0},
		{"button", "Odrzuć", 0},
		{"button", "Cookie settings", 0},
		{"button", "Einstellungen", 0},
		{"button", "Learn more", 0},
		{"button", "Book now", 0},
		{"button", "Cookies", 0},
	}
}
