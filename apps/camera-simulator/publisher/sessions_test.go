package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bluenviron/gortsplib/v5"
	"github.com/bluenviron/gortsplib/v5/pkg/base"
	"github.com/bluenviron/gortsplib/v5/pkg/description"
	"github.com/bluenviron/gortsplib/v5/pkg/format"
	"github.com/bluenviron/gortsplib/v5/pkg/liberrors"
	"github.com/bluenviron/mediacommon/v2/pkg/codecs/h264"
	"github.com/pion/rtp"
)

const (
	testUser = "simulator"
	testPass = "secret"
	// within bounds every wait for something that should happen.
	within = 5 * time.Second
)

var camera1 = []feedSpec{{Clip: "testdata/clip.mp4", Path: "sim_1"}, {Clip: "testdata/clip.mp4", Path: "sim_1_sub"}}

type harness struct {
	ss      *sessions
	address string
	events  chan event
}

// start runs sessions on a free port of 127.0.0.1, paced by a timer loop as in main.
func start(t *testing.T) *harness {
	h := &harness{events: make(chan event, 16)}
	ss, err := listen("127.0.0.1:0", testUser, testPass, func(e event) { h.events <- e })
	if err != nil {
		t.Fatal(err)
	}
	h.ss, h.address = ss, ss.server.NetListener().Addr().String()
	ticker := time.NewTicker(tickPeriod)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case now := <-ticker.C:
				ss.tick(now)
			case <-done:
				return
			}
		}
	}()
	t.Cleanup(func() {
		close(done)
		ticker.Stop()
		ss.close()
	})
	return h
}

func (h *harness) url(t *testing.T, user, pass, path string) *base.URL {
	credentials := ""
	if user != "" {
		credentials = user + ":" + pass + "@"
	}
	u, err := base.ParseURL("rtsp://" + credentials + h.address + "/" + path)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// describe sends a DESCRIBE as user:pass (none if user is empty).
func (h *harness) describe(t *testing.T, user, pass, path string) (*gortsplib.Client, *description.Session, error) {
	tcp := gortsplib.ProtocolTCP
	c := &gortsplib.Client{Scheme: "rtsp", Host: h.address, Protocol: &tcp}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	desc, _, err := c.Describe(h.url(t, user, pass, path))
	return c, desc, err
}

func statusOf(err error) base.StatusCode {
	var bad liberrors.ErrClientBadStatusCode
	if errors.As(err, &bad) {
		return bad.Code
	}
	return 0
}

type seenFrame struct {
	rtpTime uint32
	at      time.Time
	idr     bool
	// params: the frame carries SPS and PPS in-band.
	params bool
}

// viewer reads a path as MediaMTX does (DESCRIBE, SETUP over TCP, PLAY) and keeps every frame.
type viewer struct {
	client *gortsplib.Client
	h264   *format.H264
	// gone gets why the connection ended.
	gone   chan error
	mu     sync.Mutex
	frames []seenFrame
}

func (h *harness) watch(t *testing.T, path string) *viewer {
	c, desc, err := h.describe(t, testUser, testPass, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	forma, ok := desc.Medias[0].Formats[0].(*format.H264)
	if !ok {
		t.Fatalf("%s: not H.264", path)
	}
	decoder, err := forma.CreateDecoder()
	if err != nil {
		t.Fatal(err)
	}
	v := &viewer{client: c, h264: forma}
	if err := c.SetupAll(desc.BaseURL, desc.Medias); err != nil {
		t.Fatal(err)
	}
	c.OnPacketRTPAny(func(_ *description.Media, _ format.Format, pkt *rtp.Packet) {
		// The first packets may be the end of a frame sent before PLAY: the decoder skips them.
		au, err := decoder.Decode(pkt)
		if err != nil {
			return
		}
		f := seenFrame{rtpTime: pkt.Timestamp, at: time.Now(), idr: h264.IsRandomAccess(au)}
		for _, nalu := range au {
			if typ := h264.NALUType(nalu[0] & 0x1f); typ == h264.NALUTypeSPS || typ == h264.NALUTypePPS {
				f.params = true
			}
		}
		v.mu.Lock()
		v.frames = append(v.frames, f)
		v.mu.Unlock()
	})
	if _, err := c.Play(nil); err != nil {
		t.Fatal(err)
	}
	v.gone = make(chan error, 1)
	go func() { v.gone <- c.Wait() }()
	return v
}

func (v *viewer) seen() []seenFrame {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]seenFrame(nil), v.frames...)
}

// waitFor polls cond until it holds, failing the test after within.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForServed waits until path can be described, i.e. its session's clips are loaded.
func (h *harness) waitForServed(t *testing.T, path string) {
	waitFor(t, path, func() bool { return h.ss.stream("/"+path) != nil })
}

func (h *harness) next(t *testing.T) event {
	t.Helper()
	select {
	case e := <-h.events:
		return e
	case <-time.After(within):
		t.Fatalf("no event within %v", within)
		return event{}
	}
}

// quiet fails if an event is waiting or comes during a period (which no condition can mark the end
// of).
func (h *harness) quiet(t *testing.T, during time.Duration) {
	t.Helper()
	select {
	case e := <-h.events:
		t.Fatalf("unexpected event %+v", e)
	default:
	}
	select {
	case e := <-h.events:
		t.Fatalf("unexpected event %+v", e)
	case <-time.After(during):
	}
}

// contiguous checks that frames are 1/15 s apart in RTP time (90 kHz), with no gap or repeat.
func contiguous(t *testing.T, frames []seenFrame) {
	t.Helper()
	for i := 1; i < len(frames); i++ {
		if d := frames[i].rtpTime - frames[i-1].rtpTime; d != 6000 {
			t.Fatalf("frame %d is %d ticks after the previous one, want 6000", i, d)
		}
	}
}

func TestServesEachFeedInRealTimeAcrossLoops(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1_sub")
	clip, err := h.ss.clips.load("testdata/clip.mp4")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"sim_1", "sim_1_sub"} {
		v := h.watch(t, path)
		if !bytes.Equal(v.h264.SPS, clip.sps) || !bytes.Equal(v.h264.PPS, clip.pps) {
			t.Fatalf("%s: DESCRIBE lacks the clip's parameter sets", path)
		}
		// The fixture is a 1 s clip at 15 fps with one keyframe: 21 frames cross a loop.
		waitFor(t, path+"'s frames", func() bool { return len(v.seen()) >= 21 })
		frames := v.seen()
		contiguous(t, frames)
		if d := frames[20].at.Sub(frames[0].at); d < time.Second {
			t.Fatalf("%s: 20 frames in %v, want 1.33 s", path, d)
		}
		keyframes := 0
		for _, f := range frames {
			if f.idr {
				keyframes++
				if !f.params {
					t.Fatalf("%s: keyframe without SPS and PPS", path)
				}
			}
		}
		if keyframes == 0 {
			t.Fatalf("%s: no keyframe", path)
		}
	}
}

func TestAPathNoSessionServesIsNotFound(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1")
	if _, _, err := h.describe(t, testUser, testPass, "sim_2"); statusOf(err) != base.StatusNotFound {
		t.Fatalf("got %v, want 404", err)
	}
}

func TestReadersMustPresentTheCredentials(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1")
	for _, c := range []struct{ user, pass string }{{"", ""}, {testUser, "wrong"}, {"someone", testPass}} {
		if _, _, err := h.describe(t, c.user, c.pass, "sim_1"); statusOf(err) != base.StatusUnauthorized {
			t.Fatalf("%q:%q got %v, want 401", c.user, c.pass, err)
		}
	}
	// gortsplib's client answers the challenge with digest; basic is accepted too, without one.
	if got := rawRequest(t, h.address, "DESCRIBE", "sim_1", testUser+":"+testPass); got != "RTSP/1.0 200 OK" {
		t.Fatalf("basic auth: got %q", got)
	}
	if got := rawRequest(t, h.address, "DESCRIBE", "sim_1", testUser+":wrong"); got != "RTSP/1.0 401 Unauthorized" {
		t.Fatalf("wrong basic auth: got %q", got)
	}
}

// rawRequest sends one request with basic credentials and returns the status line of the answer.
func rawRequest(t *testing.T, address, method, path, credentials string) string {
	conn, err := net.Dial("tcp", address)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(within))
	fmt.Fprintf(conn, "%s rtsp://%s/%s RTSP/1.0\r\nCSeq: 1\r\nAuthorization: Basic %s\r\n\r\n",
		method, address, path, base64.StdEncoding.EncodeToString([]byte(credentials)))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(line)
}

func TestNobodyCanPublish(t *testing.T) {
	h := start(t)
	tcp := gortsplib.ProtocolTCP
	c := &gortsplib.Client{Protocol: &tcp}
	forma := &format.H264{PayloadTyp: 96, PacketizationMode: 1}
	desc := &description.Session{Medias: []*description.Media{{Type: description.MediaTypeVideo, Formats: []format.Format{forma}}}}
	err := c.StartRecording(h.url(t, testUser, testPass, "sim_1").String(), desc)
	if err == nil {
		c.Close()
	}
	if statusOf(err) != base.StatusNotImplemented {
		t.Fatalf("got %v, want 501", err)
	}
}

func TestPauseSendsNothingAndResumeCarriesOn(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1")
	v := h.watch(t, "sim_1")
	waitFor(t, "frames", func() bool { return len(v.seen()) >= 3 })
	h.ss.pause(1)
	// Frames already queued may still arrive: wait until none has for three frame periods.
	waitFor(t, "end of the frames", func() bool {
		frames := v.seen()
		return time.Since(frames[len(frames)-1].at) > 200*time.Millisecond
	})
	paused := len(v.seen())
	// Seven frame periods without a frame or an event.
	h.quiet(t, 500*time.Millisecond)
	if n := len(v.seen()); n != paused {
		t.Fatalf("%d frames sent while paused", n-paused)
	}
	select {
	case err := <-v.gone:
		t.Fatalf("the paused session's reader was disconnected: %v", err)
	default:
	}
	h.ss.resume(1)
	waitFor(t, "frames after resume", func() bool { return len(v.seen()) >= paused+5 })
	contiguous(t, v.seen())
}

func TestStopDisconnectsTheReadersAndFreesThePaths(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1")
	v := h.watch(t, "sim_1")
	waitFor(t, "frames", func() bool { return len(v.seen()) > 0 })
	h.ss.stopSession(1)
	if e := h.next(t); e != (event{Event: "stopped", ID: 1}) {
		t.Fatalf("got %+v, want stopped", e)
	}
	select {
	case <-v.gone:
	case <-time.After(within):
		t.Fatal("the reader is still connected")
	}
	if _, _, err := h.describe(t, testUser, testPass, "sim_1"); statusOf(err) != base.StatusNotFound {
		t.Fatalf("got %v, want 404", err)
	}
	// The camera restarts as a new session on the same paths.
	h.ss.start(2, camera1)
	h.waitForServed(t, "sim_1")
	v = h.watch(t, "sim_1")
	waitFor(t, "frames of the new session", func() bool { return len(v.seen()) > 0 })
	// Stopping a session that has already ended still answers.
	h.ss.stopSession(1)
	if e := h.next(t); e != (event{Event: "stopped", ID: 1}) {
		t.Fatalf("got %+v, want stopped", e)
	}
}

func TestReportsAMissingClip(t *testing.T) {
	h := start(t)
	h.ss.start(1, []feedSpec{{Clip: "testdata/none.mp4", Path: "sim_1"}})
	if e := h.next(t); e.Event != "failed" || e.ID != 1 || !strings.Contains(e.Error, "none.mp4") {
		t.Fatalf("got %+v, want the missing clip", e)
	}
}

func TestReportsAPathAlreadyServed(t *testing.T) {
	h := start(t)
	h.ss.start(1, camera1)
	h.waitForServed(t, "sim_1_sub")
	h.ss.start(2, []feedSpec{{Clip: "testdata/clip.mp4", Path: "sim_2"}, {Clip: "testdata/clip.mp4", Path: "sim_1"}})
	e := h.next(t)
	if e.Event != "failed" || e.ID != 2 || !strings.HasPrefix(e.Error, "sim_1: ") {
		t.Fatalf("got %+v, want sim_1 already served", e)
	}
	// All of the failed session's feeds are gone, none of the other's.
	if h.ss.stream("/sim_2") != nil {
		t.Fatal("sim_2 is still served")
	}
	v := h.watch(t, "sim_1")
	waitFor(t, "camera 1's frames", func() bool { return len(v.seen()) > 0 })
}

func TestReportsTheFailureOfAPausedSessionOnResume(t *testing.T) {
	h := start(t)
	// Opening a FIFO blocks until it has a writer: the session is paused while it loads.
	fifo := filepath.Join(t.TempDir(), "clip.mp4")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	h.ss.start(1, []feedSpec{{Clip: fifo, Path: "sim_1"}})
	h.ss.pause(1)
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	waitFor(t, "the failure", func() bool {
		h.ss.mu.Lock()
		defer h.ss.mu.Unlock()
		return h.ss.byID[1].failure != nil
	})
	h.quiet(t, 0)
	h.ss.resume(1)
	if e := h.next(t); e.Event != "failed" || e.ID != 1 || !strings.Contains(e.Error, "empty") {
		t.Fatalf("got %+v, want the unreadable clip", e)
	}
}

func TestPacketsFitWhatMediaMTXForwardsAsTheyAre(t *testing.T) {
	h := start(t)
	clip, err := h.ss.clips.load("testdata/clip.mp4")
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFeed(h.ss.server, "sim_9", clip)
	if err != nil {
		t.Fatal(err)
	}
	defer f.stream.Close()
	// A 4MP camera's keyframe is tens of kilobytes: one NAL unit of many packets.
	packets, err := f.encoder.Encode([][]byte{append([]byte{0x65}, make([]byte, 50_000)...)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packets {
		// MediaMTX repacketises every packet of a stream once one is larger.
		if len(p.Payload) > 1440 {
			t.Fatalf("RTP payload of %d bytes, MediaMTX forwards at most 1440 as they are", len(p.Payload))
		}
	}
}
