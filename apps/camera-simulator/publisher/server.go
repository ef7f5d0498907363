package main

import (
	"strings"
	"sync/atomic"

	"github.com/bluenviron/gortsplib/v5"
	"github.com/bluenviron/gortsplib/v5/pkg/base"
	"github.com/bluenviron/gortsplib/v5/pkg/liberrors"
)

// The RTSP side of sessions: readers DESCRIBE, SETUP and PLAY a served path, as they would a camera.
// Without ANNOUNCE and RECORD handlers, gortsplib refuses publishing (501): nobody publishes here.

// reader is what a reader's RTSP session carries (gortsplib's user data).
type reader struct {
	path string
	// dropping is set once its queue overflowed: a lagging reader logs once, not once per packet.
	dropping atomic.Bool
}

func (ss *sessions) OnDescribe(ctx *gortsplib.ServerHandlerOnDescribeCtx) (*base.Response, *gortsplib.ServerStream, error) {
	if !ctx.Conn.VerifyCredentials(ctx.Request, ss.user, ss.pass) {
		// Without credentials, gortsplib answers with the challenge; with wrong ones, it also closes
		// the connection.
		return &base.Response{StatusCode: base.StatusUnauthorized}, nil, liberrors.ErrServerAuth{}
	}
	stream := ss.stream(ctx.Path)
	if stream == nil {
		return &base.Response{StatusCode: base.StatusNotFound}, nil, nil
	}
	return &base.Response{StatusCode: base.StatusOK}, stream, nil
}

// OnSetup checks the credentials again: a client may SETUP without a DESCRIBE.
func (ss *sessions) OnSetup(ctx *gortsplib.ServerHandlerOnSetupCtx) (*base.Response, *gortsplib.ServerStream, error) {
	if !ctx.Conn.VerifyCredentials(ctx.Request, ss.user, ss.pass) {
		return &base.Response{StatusCode: base.StatusUnauthorized}, nil, liberrors.ErrServerAuth{}
	}
	stream := ss.stream(ctx.Path)
	// A path restarted between two SETUPs of one session is another stream, which gortsplib would
	// panic on.
	if prev := ctx.Session.Stream(); stream == nil || (prev != nil && prev != stream) {
		return &base.Response{StatusCode: base.StatusNotFound}, nil, nil
	}
	ctx.Session.SetUserData(&reader{path: strings.TrimPrefix(ctx.Path, "/")})
	return &base.Response{StatusCode: base.StatusOK}, stream, nil
}

func (ss *sessions) OnPlay(*gortsplib.ServerHandlerOnPlayCtx) (*base.Response, error) {
	return &base.Response{StatusCode: base.StatusOK}, nil
}

// OnStreamWriteError is called, from within tick, for every packet a reader's full queue drops; the
// reader decodes again from the next keyframe. Without it gortsplib logs each drop as plain text.
func (ss *sessions) OnStreamWriteError(ctx *gortsplib.ServerHandlerOnStreamWriteErrorCtx) {
	if r, ok := ctx.Session.UserData().(*reader); ok && !r.dropping.Swap(true) {
		logLine("warn", "reader too slow, dropping packets", map[string]any{"path": r.path, "error": ctx.Error.Error()})
	}
}

// stream returns the stream served at an RTSP path ("/sim_3"), nil if none is.
func (ss *sessions) stream(path string) *gortsplib.ServerStream {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if f, ok := ss.byPath[strings.TrimPrefix(path, "/")]; ok {
		return f.stream
	}
	return nil
}
