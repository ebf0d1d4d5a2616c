package realpages

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// response is an http.ResponseWriter for a request read from a tunnel: it buffers the answer
// and writes it as an HTTP/1.1 response in finish.
type response struct {
	w      io.Writer
	req    *http.Request
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponse(w io.Writer, req *http.Request) *response {
	return &response{w: w, req: req, header: http.Header{}}
}

func (r *response) Header() http.Header { return r.header }

func (r *response) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *response) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// finish writes the response.
func (r *response) finish() error {
	r.WriteHeader(http.StatusOK)
	r.header.Del("Content-Length")
	resp := &http.Response{
		StatusCode: r.status, ProtoMajor: 1, ProtoMinor: 1, Header: r.header,
		ContentLength: int64(r.body.Len()), Body: io.NopCloser(&r.body), Request: r.req,
	}
	if err := resp.Write(r.w); err != nil {
		return fmt.Errorf("realpages: writing a response: %w", err)
	}
	return nil
}
