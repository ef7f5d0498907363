package main

import (
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/gortsplib/v5"
	"github.com/bluenviron/gortsplib/v5/pkg/base"
	"github.com/bluenviron/gortsplib/v5/pkg/description"
	"github.com/bluenviron/gortsplib/v5/pkg/format"
	"github.com/pion/rtp"
)

// recorder is an RTSP server that accepts every publisher and keeps, per path, the RTP timestamp
// of each frame it received (the packet with the marker bit ends a frame).
type recorder struct {
	mu       sync.Mutex
	frames   map[string][]uint32
	sessions map[string]*gortsplib.ServerSession
}

func (r *recorder) OnAnnounce(*gortsplib.ServerHandlerOnAnnounceCtx) (*base.Response, error) {
	return &base.Response{StatusCode: base.StatusOK}, nil
}

func (r *recorder) OnSetup(*gortsplib.ServerHandlerOnSetupCtx) (*base.Response, *gortsplib.ServerStream, error) {
	return &base.Response{StatusCode: base.StatusOK}, nil, nil
}

func (r *recorder) OnRecord(ctx *gortsplib.ServerHandlerOnRecordCtx) (*base.Response, error) {
	path := strings.TrimPrefix(ctx.Path, "/")
	r.mu.Lock()
	r.sessions[path] = ctx.Session
	r.mu.Unlock()
	ctx.Session.OnPacketRTPAny(func(_ *description.Media, _ format.Format, pkt *rtp.Packet) {
		if pkt.Marker {
			r.mu.Lock()
			r.frames[path] = append(r.frames[path], pkt.Timestamp)
			r.mu.Unlock()
		}
	})
	return &base.Response{StatusCode: base.StatusOK}, nil
}

func (r *recorder) received(path string) []uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]uint32(nil), r.frames[path]...)
}

func (r *recorder) drop(path string) {
	r.mu.Lock()
	s := r.sessions[path]
	r.mu.Unlock()
	s.Close()
}

func freeAddress(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

type harness struct {
	rec    *recorder
	ss     *sessions
	events chan event
}

// start runs a recorder and sessions publishing to it, paced by a timer loop as in main.
func start(t *testing.T, serve bool) *harness {
	address := freeAddress(t)
	h := &harness{rec: &recorder{frames: map[string][]uint32{}, sessions: map[string]*gortsplib.ServerSession{}},
		events: make(chan event, 16)}
	if serve {
		server := &gortsplib.Server{Handler: h.rec, RTSPAddress: address}
		if err := server.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(server.Close)
	}
	h.ss = newSessions("rtsp://"+address, func(e event) { h.events <- e })
	ticker := time.NewTicker(tickPeriod)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case now := <-ticker.C:
				h.ss.tick(now)
			case <-done:
				return
			}
		}
	}()
	t.Cleanup(func() {
		h.ss.stopAll()
		close(done)
		ticker.Stop()
	})
	return h
}

var camera1 = []feedSpec{{Clip: "testdata/clip.mp4", Path: "sim_1"}, {Clip: "testdata/clip.mp4", Path: "sim_1_sub"}}

func (h *harness) next(t *testing.T, within time.Duration) event {
	select {
	case e := <-h.events:
		return e
	case <-time.After(within):
		t.Fatalf("no event within %v", within)
		return event{}
	}
}

func (h *harness) quiet(t *testing.T, during time.Duration) {
	select {
	case e := <-h.events:
		t.Fatalf("unexpected event %+v", e)
	case <-time.After(during):
	}
}

// contiguous checks that frames are 1/15 s apart in RTP time (90 kHz), with no gap or repeat.
func contiguous(t *testing.T, frames []uint32) {
	for i := 1; i < len(frames); i++ {
		if frames[i]-frames[i-1] != 6000 {
			t.Fatalf("frame %d is %d ticks after the previous one, want 6000", i, frames[i]-frames[i-1])
		}
	}
}

func TestPublishesInRealTimeAcrossLoops(t *testing.T) {
	h := start(t, true)
	h.ss.start(1, camera1)
	// The fixture is a 1 s clip at 15 fps: 1.5 s is one and a half loops.
	time.Sleep(1500 * time.Millisecond)
	for _, path := range []string{"sim_1", "sim_1_sub"} {
		frames := h.rec.received(path)
		if len(frames) < 19 || len(frames) > 25 {
			t.Fatalf("%s: %d frames in 1.5 s, want about 22", path, len(frames))
		}
		contiguous(t, frames)
	}
	h.ss.stopSession(1)
	if e := h.next(t, 5*time.Second); e != (event{Event: "stopped", ID: 1}) {
		t.Fatalf("got %+v, want stopped", e)
	}
}

func TestPauseSendsNothingAndResumeCarriesOn(t *testing.T) {
	h := start(t, true)
	h.ss.start(1, camera1)
	time.Sleep(400 * time.Millisecond)
	h.ss.pause(1)
	time.Sleep(50 * time.Millisecond)
	before := len(h.rec.received("sim_1"))
	time.Sleep(500 * time.Millisecond)
	if after := len(h.rec.received("sim_1")); after != before {
		t.Fatalf("%d frames sent while paused", after-before)
	}
	h.ss.resume(1)
	time.Sleep(400 * time.Millisecond)
	frames := h.rec.received("sim_1")
	if len(frames) < before+4 {
		t.Fatalf("only %d frames after resume", len(frames)-before)
	}
	contiguous(t, frames)
	h.quiet(t, 0)
}

func TestReportsADroppedSession(t *testing.T) {
	h := start(t, true)
	h.ss.start(1, camera1)
	h.ss.start(2, []feedSpec{{Clip: "testdata/clip.mp4", Path: "sim_2"}})
	time.Sleep(300 * time.Millisecond)
	h.rec.drop("sim_1_sub")
	e := h.next(t, 5*time.Second)
	if e.Event != "failed" || e.ID != 1 || !strings.HasPrefix(e.Error, "sim_1_sub: ") {
		t.Fatalf("got %+v, want sim_1_sub's failure", e)
	}
	// The other camera carries on.
	before := len(h.rec.received("sim_2"))
	time.Sleep(300 * time.Millisecond)
	if len(h.rec.received("sim_2")) <= before {
		t.Fatal("camera 2 stopped with camera 1")
	}
}

func TestReportsTheFailureOfAPausedSessionOnResume(t *testing.T) {
	h := start(t, true)
	h.ss.start(1, camera1)
	time.Sleep(300 * time.Millisecond)
	h.ss.pause(1)
	h.rec.drop("sim_1")
	h.quiet(t, 500*time.Millisecond)
	h.ss.resume(1)
	if e := h.next(t, time.Second); e.Event != "failed" || e.ID != 1 {
		t.Fatalf("got %+v, want failed", e)
	}
}

func TestReportsARefusedConnection(t *testing.T) {
	h := start(t, false)
	h.ss.start(1, camera1)
	e := h.next(t, 5*time.Second)
	if e.Event != "failed" || !strings.Contains(e.Error, "connection refused") {
		t.Fatalf("got %+v, want connection refused", e)
	}
}

func TestReportsAMissingClip(t *testing.T) {
	h := start(t, true)
	h.ss.start(1, []feedSpec{{Clip: "testdata/none.mp4", Path: "sim_1"}})
	if e := h.next(t, time.Second); e.Event != "failed" || !strings.Contains(e.Error, "none.mp4") {
		t.Fatalf("got %+v, want the missing clip", e)
	}
}
