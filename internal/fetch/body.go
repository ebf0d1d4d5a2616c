package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"strings"
)

// drainLimit is how much of an unwanted body is read before closing it, so
// that the connection can be reused without reading a large body.
const drainLimit = 64 << 10

// drainClose discards a bounded part of body and closes it.
func drainClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, drainLimit)
	_ = body.Close()
}

// readCapped reads at most limit bytes of r; truncated reports whether r had
// more.
func readCapped(r io.Reader, limit int64) (b []byte, truncated bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(b)) > limit {
		return b[:limit:limit], true, err
	}
	return b, false, err
}

// readBody reads a response body as served (at most limit bytes on the
// wire) and undoes its Content-Encoding (keeping at most limit decoded
// bytes). An error means the body could not be read from the connection.
func readBody(body io.Reader, contentEncoding string, limit int64) (raw []byte, truncated bool, err error) {
	wire, wireTruncated, err := readCapped(body, limit)
	if err != nil {
		return nil, false, err
	}
	raw, truncated = decodeContent(wire, contentEncoding, limit)
	return raw, truncated || wireTruncated, nil
}

// decodeContent undoes the codings listed in contentEncoding (gzip, x-gzip,
// deflate, identity). Bytes in an unknown coding, or whose first coding
// cannot even start (a server that claims gzip but sends plain text), are
// returned as served. A stream that breaks off keeps what was decoded, and
// is reported truncated.
func decodeContent(wire []byte, contentEncoding string, limit int64) (out []byte, truncated bool) {
	var codings []string
	for c := range strings.SplitSeq(contentEncoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		switch c {
		case "", "identity":
		case "gzip", "x-gzip", "deflate":
			codings = append(codings, c)
		default:
			return wire, false
		}
	}
	if len(wire) == 0 {
		return wire, false
	}
	out = wire
	// Codings are listed in the order they were applied: undo the last first.
	for i := len(codings) - 1; i >= 0; i-- {
		r, err := decoder(out, codings[i])
		if err != nil {
			return wire, false
		}
		decoded, cut, err := readCapped(r, limit)
		if err != nil {
			if len(decoded) == 0 {
				return wire, false
			}
			cut = true
		}
		out, truncated = decoded, truncated || cut
	}
	return out, truncated
}

// decoder returns a reader that decodes b from coding.
func decoder(b []byte, coding string) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		return gzip.NewReader(bytes.NewReader(b))
	case "deflate":
		// HTTP deflate is zlib-wrapped (RFC 9110), but some servers send a
		// raw DEFLATE stream.
		if isZlibHeader(b) {
			return zlib.NewReader(bytes.NewReader(b))
		}
		return flate.NewReader(bytes.NewReader(b)), nil
	}
	return nil, errors.New("unsupported content coding " + coding)
}

// isZlibHeader reports whether b starts with a zlib header (RFC 1950): the
// deflate method with a window of at most 32 KiB, and a valid check value.
func isZlibHeader(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	cmf, flg := b[0], b[1]
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0
}
