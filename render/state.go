package render

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// worldName names the isolated JavaScript world in which extract.js runs. The
// page's own scripts cannot see or tamper with it.
const worldName = "linkproof"

// staleRequest is how long a request counts as in flight for settling.
// Long-polling, streaming and hanging requests stop counting after it.
const staleRequest = 3 * time.Second

// navRequestGrace is how long a requested main-frame navigation keeps the page
// unsettled before its document request is seen.
const navRequestGrace = time.Second

// tabState is what the event listener of a tab has learnt. The listener runs
// on chromedp's read loop, so it only records under mu and wakes the waiter.
type tabState struct {
	mu sync.Mutex

	started   bool        // Open has sent Page.navigate; earlier events are ignored
	mainFrame cdp.FrameID // the tab's main frame (the target ID for a page target)

	inflight map[network.RequestID]time.Time // counted requests in flight, by start
	lastNet  time.Time                       // last start or end of a counted request

	docRequest   network.RequestID // main-frame document request in progress
	docPending   bool              // it has not committed or failed yet
	chainStart   string            // its URL before redirects
	chainHops    []Navigation      // its HTTP redirect hops
	chainStatus  int               // status of its final response
	navRequested time.Time         // a client navigation was requested (zero: none)
	reason       page.ClientNavigationReason

	commits     int // main-frame documents committed since Page.navigate
	navs        []Navigation
	finalURL    string
	status      int
	committedAt time.Time
	loaded      bool // the committed document fired its load event

	worldID string // unique ID of linkproof's world in the main frame's document
	crashed string // why the renderer is gone ("" while it is alive)
	dialogs []string

	wake chan struct{} // capacity 1: something changed
}

func newTabState(mainFrame cdp.FrameID) *tabState {
	return &tabState{
		mainFrame: mainFrame,
		inflight:  make(map[network.RequestID]time.Time),
		wake:      make(chan struct{}, 1),
	}
}

// signal wakes the waiter without blocking. The caller holds mu or not; it
// does not matter.
func (s *tabState) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// start marks the moment Open sends Page.navigate.
func (s *tabState) start() {
	s.mu.Lock()
	s.started = true
	s.lastNet = time.Now()
	s.mu.Unlock()
}

// handle is the tab's chromedp.Listen callback: it must return fast and send
// no command.
func (s *tabState) handle(ev any) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		s.contextCreated(ev.Context)
	case *runtime.EventExecutionContextDestroyed:
		if ev.ExecutionContextUniqueID == s.worldID {
			s.worldID = ""
		}
	case *runtime.EventExecutionContextsCleared:
		s.worldID = ""
	case *inspector.EventTargetCrashed:
		s.crashed = "the renderer crashed"
	case *inspector.EventDetached:
		if s.crashed == "" {
			s.crashed = "the tab was detached: " + ev.Reason
		}
	}
	if !s.started {
		return
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.requestWillBeSent(ev, now)
	case *network.EventResponseReceived:
		if ev.RequestID == s.docRequest && ev.Response != nil {
			s.chainStatus = int(ev.Response.Status)
		}
	case *network.EventLoadingFinished:
		s.requestDone(ev.RequestID, now)
	case *network.EventLoadingFailed:
		s.requestDone(ev.RequestID, now)
	case *page.EventFrameRequestedNavigation:
		if ev.FrameID == s.mainFrame && ev.Disposition == page.ClientNavigationDispositionCurrentTab {
			s.reason = ev.Reason
			s.navRequested = now
		}
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			s.committed(ev.Frame, now)
		}
	case *page.EventLoadEventFired:
		s.loaded = true
	default:
		return
	}
	s.signal()
}

func (s *tabState) contextCreated(c *runtime.ExecutionContextDescription) {
	if c == nil || c.Name != worldName || len(c.AuxData) == 0 {
		return
	}
	var aux struct {
		FrameID cdp.FrameID `json:"frameId"`
	}
	if json.Unmarshal(c.AuxData, &aux) != nil || aux.FrameID != s.mainFrame {
		return
	}
	s.worldID = c.UniqueID
	s.signal()
}

func (s *tabState) requestWillBeSent(ev *network.EventRequestWillBeSent, now time.Time) {
	if ev.Type == network.ResourceTypeDocument && ev.FrameID == s.mainFrame && ev.Request != nil {
		if ev.RedirectResponse != nil && ev.RequestID == s.docRequest {
			s.chainHops = append(s.chainHops, Navigation{
				URL:    ev.Request.URL,
				Status: int(ev.RedirectResponse.Status),
				Kind:   KindHTTP,
			})
		} else {
			s.docRequest = ev.RequestID
			s.docPending = true
			s.chainStart = ev.Request.URL
			s.chainHops = nil
			s.chainStatus = 0
			s.navRequested = time.Time{}
		}
	}
	if !countsForSettle(ev.Type) {
		return
	}
	if _, ok := s.inflight[ev.RequestID]; !ok {
		s.inflight[ev.RequestID] = now
	}
	s.lastNet = now
}

// countsForSettle reports whether a request of type t keeps a page from
// settling: whether its answer can change the DOM. Images, media, fonts,
// beacons and reports cannot (the load event has waited for the eager ones
// already); web sockets and event streams are long-lived by design
// (docs/decisions: settle).
func countsForSettle(t network.ResourceType) bool {
	switch t {
	case network.ResourceTypeImage, network.ResourceTypeMedia, network.ResourceTypeFont,
		network.ResourceTypePing, network.ResourceTypeCSPViolationReport, network.ResourceTypeManifest,
		network.ResourceTypeTextTrack, network.ResourceTypePrefetch,
		network.ResourceTypeWebSocket, network.ResourceTypeEventSource:
		return false
	}
	return true
}

func (s *tabState) requestDone(id network.RequestID, now time.Time) {
	if _, ok := s.inflight[id]; ok {
		delete(s.inflight, id)
		s.lastNet = now
	}
	if id == s.docRequest {
		// A download, a 204 or a failure never commits.
		s.docPending = false
	}
}

func (s *tabState) committed(f *cdp.Frame, now time.Time) {
	s.mainFrame = f.ID
	start := s.chainStart
	if start == "" {
		start = f.URL
	}
	if s.commits > 0 {
		s.navs = append(s.navs, Navigation{URL: start, Status: s.status, Kind: navKind(s.reason)})
	}
	s.navs = append(s.navs, s.chainHops...)
	s.commits++
	s.finalURL = f.URL + f.URLFragment
	s.status = s.chainStatus
	if f.UnreachableURL != "" {
		// Chrome's error page for a navigation that failed.
		s.finalURL, s.status = f.UnreachableURL, 0
	}
	s.committedAt = now
	s.loaded = false
	s.docPending = false
	s.chainStart, s.chainHops, s.chainStatus = "", nil, 0
	s.navRequested = time.Time{}
	s.reason = ""
}

// navKind maps the reason of a client-side navigation to Navigation.Kind.
func navKind(r page.ClientNavigationReason) string {
	switch r {
	case page.ClientNavigationReasonMetaTagRefresh, page.ClientNavigationReasonHTTPHeaderRefresh:
		return KindMetaRefresh
	default:
		return KindScript
	}
}

// activity is a snapshot of what settling needs.
type activity struct {
	crashed    string
	loaded     bool      // the current document fired load
	navigating bool      // a main-frame navigation is requested or in flight
	netBusy    bool      // a counted request is in flight
	netQuiet   time.Time // when the network last changed
	committed  time.Time
}

func (s *tabState) activity(now time.Time) activity {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := activity{
		crashed:   s.crashed,
		loaded:    s.loaded,
		netQuiet:  s.lastNet,
		committed: s.committedAt,
		navigating: s.docPending ||
			(!s.navRequested.IsZero() && now.Sub(s.navRequested) < navRequestGrace),
	}
	for _, started := range s.inflight {
		if now.Sub(started) < staleRequest {
			a.netBusy = true
			break
		}
	}
	return a
}

func (s *tabState) world() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.worldID
}

func (s *tabState) crash() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.crashed
}

// maxDialogs caps the dialog messages kept: a page can alert in a loop.
const maxDialogs = 50

func (s *tabState) addDialog(msg string) {
	s.mu.Lock()
	if len(s.dialogs) < maxDialogs {
		s.dialogs = append(s.dialogs, msg)
	}
	s.mu.Unlock()
}

// fill copies the navigation record and dialogs into p.
func (s *tabState) fill(p *Page) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.finalURL != "" {
		p.FinalURL = s.finalURL
	}
	p.Status = s.status
	p.Navigations = append([]Navigation(nil), s.navs...)
	p.Dialogs = append([]string(nil), s.dialogs...)
}

func (s *tabState) frame() cdp.FrameID {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mainFrame
}
