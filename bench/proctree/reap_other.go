//go:build !linux

package proctree

import (
	"context"
	"errors"
	"time"
)

// SetSubreaper is Linux-only; elsewhere it returns errors.ErrUnsupported.
func SetSubreaper() error { return errors.ErrUnsupported }

// ChildrenCPU is Linux-only; elsewhere it returns errors.ErrUnsupported.
func ChildrenCPU() (user, sys time.Duration, err error) { return 0, 0, errors.ErrUnsupported }

// ReapOrphans is Linux-only; elsewhere it returns errors.ErrUnsupported.
func ReapOrphans(ctx context.Context, grace time.Duration) (killed int, err error) {
	return 0, errors.ErrUnsupported
}
