package corpus

import (
	"math/rand/v2"
	"strings"
)

// words make the text of the pages.
var words = strings.Fields(`
harbour council budget weather river market school station garden museum festival bridge
library railway season village coastal summer winter morning evening history modern local
report analysis review guide interview opinion travel recipe family health science energy
climate transport housing workers tenants farmers teachers nurses students owners traders
rising falling record quiet busy green bright narrow wide early late central northern
southern eastern western ancient restored planned delayed approved rejected announced
reopened expanded reduced measured counted surveyed visited described compared launched
plan project vote debate study survey trial policy scheme route service network system
coffee bakery cinema theatre stadium harbourfront lighthouse orchard vineyard quarry mill
copper timber granite linen wool salt honey cider apples pears plums cherries barley oats
the of and to in a is that for on with as was at by from it be this an which or are
`)

// shops are the hosts of the targets (never fetched: the rows only ask whether they are linked).
var shops = []string{
	"shop.example.com", "www.tools-example.net", "outdoor.example.org", "books.example.com",
	"www.kitchen-example.co.uk", "bikes.example.net", "garden-supplies.example.com",
	"www.example-travel.org", "music.example.com", "www.example-news.net",
}

func headline(rng *rand.Rand) string {
	n := 5 + rng.IntN(5)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[rng.IntN(len(words)-30)] // no function words
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ")
}

func slug(title string) string {
	f := strings.Fields(strings.ToLower(title))
	return strings.Join(f[:min(4, len(f))], "-")
}

// sentence writes a sentence of n words.
func sentence(b *strings.Builder, rng *rand.Rand, n int) {
	for i := range n {
		w := words[rng.IntN(len(words))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteString(". ")
}
