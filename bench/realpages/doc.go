// Package realpages serves a corpus of saved real web pages (a real-pages.tsv list of files
// and their original URLs) under their original URLs, for `make bench-real`. A Proxy answers
// as an HTTP proxy: plain requests and CONNECT tunnels (TLS terminated with a certificate made
// for the host by a throw-away CA) for the corpus's hosts get the saved file at its original
// path; requests for any other host are refused, so nothing leaves the machine. Pick chooses
// one link of a page that a correct link checker must find.
package realpages
