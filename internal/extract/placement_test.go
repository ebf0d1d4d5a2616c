package extract

import (
	"testing"
)

func TestPlacement(t *testing.T) {
	tests := []struct {
		name string
		html string
		want string
	}{
		{"body", `<a href="/x">x</a>`, "content"},
		{"main", `<main><p><a href="/x">x</a></p></main>`, "content"},
		{"nav", `<nav><ul><li><a href="/x">x</a></li></ul></nav>`, "nav"},
		{"page header", `<header><a href="/x">x</a></header>`, "header"},
		{"page footer", `<footer><p><a href="/x">x</a></p></footer>`, "footer"},
		{"aside", `<aside><a href="/x">x</a></aside>`, "aside"},
		{"nav inside header is nav", `<header><nav><a href="/x">x</a></nav></header>`, "nav"},
		{"header inside article is content", `<article><header><a href="/x">x</a></header></article>`, "content"},
		{"footer inside section is content", `<section><footer><a href="/x">x</a></footer></section>`, "content"},
		{"footer inside main is content", `<main><div><footer><a href="/x">x</a></footer></div></main>`, "content"},
		{"article header inside aside stays aside", `<aside><article><header><a href="/x">x</a></header></article></aside>`, "aside"},
		{"nav inside main is nav", `<main><nav><a href="/x">x</a></nav></main>`, "nav"},
		{"aside inside article is aside", `<article><aside><a href="/x">x</a></aside></article>`, "aside"},
		{"role navigation", `<div role="navigation"><a href="/x">x</a></div>`, "nav"},
		{"role banner", `<div role="banner"><a href="/x">x</a></div>`, "header"},
		{"role contentinfo", `<div role="contentinfo"><a href="/x">x</a></div>`, "footer"},
		{"role complementary", `<div role="complementary"><a href="/x">x</a></div>`, "aside"},
		{"class menu", `<ul class="menu"><li><a href="/x">x</a></li></ul>`, "nav"},
		{"class prefixed menu-", `<ul class="top menu-main"><li><a href="/x">x</a></li></ul>`, "nav"},
		{"class navbar", `<div class="navbar"><a href="/x">x</a></div>`, "nav"},
		{"id nav_top", `<div id="nav_top"><a href="/x">x</a></div>`, "nav"},
		{"class masthead", `<div class="masthead"><a href="/x">x</a></div>`, "header"},
		{"id footer-links any case", `<div id="Footer-Links"><a href="/x">x</a></div>`, "footer"},
		{"class sidebar", `<div class="sidebar"><a href="/x">x</a></div>`, "aside"},
		{"class widget_text", `<section class="widget_text"><a href="/x">x</a></section>`, "aside"},
		{"class header inside article is content", `<article><div class="header"><a href="/x">x</a></div></article>`, "content"},
		{"word only as prefix with separator", `<div class="navigation-free menus navy headers"><a href="/x">x</a></div>`, "content"},
		{"word in the middle is not a prefix", `<div class="site-footer main-nav"><a href="/x">x</a></div>`, "content"},
		{"body and html classes describe the page", `<html class="menu-open"><body class="sidebar-collapse header-fixed"><a href="/x">x</a></body></html>`, "content"},
		{"class on the link itself does not count", `<a class="nav-link" href="/x">x</a>`, "content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			if len(p.Links) != 1 {
				t.Fatalf("got %d links, want 1", len(p.Links))
			}
			if got := p.Links[0].Placement; got != tt.want {
				t.Errorf("Placement = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPseudoPlacementAndHidden(t *testing.T) {
	p := mustParse(t, `<footer style="visibility:hidden"><span onclick="location.href='/x'">x</span></footer>`, "https://blog.example/")
	if len(p.Pseudo) != 1 || p.Pseudo[0].Placement != "footer" || !p.Pseudo[0].Hidden {
		t.Errorf("Pseudo = %+v, want one hidden footer link", p.Pseudo)
	}
}

func TestHidden(t *testing.T) {
	tests := []struct {
		name string
		html string
		want bool
	}{
		{"visible", `<p><a href="/x">x</a></p>`, false},
		{"hidden attribute on link", `<a hidden href="/x">x</a>`, true},
		{"hidden attribute on ancestor", `<div hidden="hidden"><p><a href="/x">x</a></p></div>`, true},
		{"hidden until-found", `<div hidden="until-found"><a href="/x">x</a></div>`, true},
		{"aria-hidden true", `<div aria-hidden="TRUE"><a href="/x">x</a></div>`, true},
		{"aria-hidden false", `<div aria-hidden="false"><a href="/x">x</a></div>`, false},
		{"display none on link", `<a style="display:none" href="/x">x</a>`, true},
		{"display none important, spaced, any case", `<div style="color: red; DISPLAY : None !important"><a href="/x">x</a></div>`, true},
		{"display none overridden later in the same style", `<div style="display:none; display:block"><a href="/x">x</a></div>`, false},
		{"display block", `<div style="display:block"><a href="/x">x</a></div>`, false},
		{"visibility hidden", `<div style="visibility:hidden"><a href="/x">x</a></div>`, true},
		{"visibility collapse", `<div style="visibility: collapse"><a href="/x">x</a></div>`, true},
		{"visibility hidden undone by a descendant", `<div style="visibility:hidden"><p style="visibility:visible"><a href="/x">x</a></p></div>`, false},
		{"display none is not undone by a descendant", `<div style="display:none"><p style="display:block;visibility:visible"><a href="/x">x</a></p></div>`, true},
		{"hidden sibling does not leak", `<div hidden></div><a href="/x">x</a>`, false},
		{"other styles", `<div style="opacity:1; font-display: none"><a href="/x">x</a></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			if len(p.Links) != 1 {
				t.Fatalf("got %d links, want 1", len(p.Links))
			}
			if got := p.Links[0].Hidden; got != tt.want {
				t.Errorf("Hidden = %v, want %v", got, tt.want)
			}
		})
	}
}
