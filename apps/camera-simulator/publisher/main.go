// Command publisher publishes the demo cameras' clips to MediaMTX over RTSP: one process for all
// cameras, driven by the camera simulator through JSON lines.
//
// Commands, one per line on stdin (id: the simulator's number for one camera's session, never reused):
//
//	{"cmd":"start","id":7,"feeds":[{"clip":"/…/cam_3-….mp4","path":"sim_3"},{"clip":"/…/cam_3-sub-….mp4","path":"sim_3_sub"}]}
//	{"cmd":"pause","id":7}     send nothing, connections stay open (a hung camera)
//	{"cmd":"resume","id":7}    carry on from the frame it stopped at
//	{"cmd":"stop","id":7}      TEARDOWN and close
//
// Events, one per line on stdout:
//
//	{"event":"failed","id":7,"error":"…"}  the session ended by itself (refused, dropped, MediaMTX gone);
//	                                        for a paused session, reported on resume
//	{"event":"stopped","id":7}              answer to stop, once the TEARDOWNs are sent
//
// MediaMTX's base URL, with the publishing credentials, comes from PUBLISHER_RTSP_URL, never argv
// (any local user can read a command line). The process exits when stdin closes (its simulator
// is gone) or on SIGTERM, after stopping every session; logs are JSON lines on stderr.
package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tickPeriod bounds how late a frame leaves (15 fps is a frame every 67 ms); a shorter period only
// wakes the process more often.
const tickPeriod = 10 * time.Millisecond

type command struct {
	Cmd   string     `json:"cmd"`
	ID    int        `json:"id"`
	Feeds []feedSpec `json:"feeds"`
}

type event struct {
	Event string `json:"event"`
	ID    int    `json:"id"`
	Error string `json:"error,omitempty"`
}

func main() {
	baseURL := strings.TrimRight(os.Getenv("PUBLISHER_RTSP_URL"), "/")
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme != "rtsp" || u.Host == "" {
		logLine("error", "PUBLISHER_RTSP_URL must be an rtsp:// URL", nil)
		os.Exit(2)
	}
	logLine("info", "publisher started", map[string]any{"pid": os.Getpid(), "server": u.Host})

	ss := newSessions(baseURL, newEmitter(os.Stdout))
	done := make(chan struct{})
	go func() {
		readCommands(os.Stdin, ss)
		close(done)
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)

	ticker := time.NewTicker(tickPeriod)
	defer ticker.Stop()
	for {
		select {
		case now := <-ticker.C:
			ss.tick(now)
		case <-done:
			shutdown(ss, "stdin closed")
			return
		case sig := <-signals:
			shutdown(ss, sig.String())
			return
		}
	}
}

func shutdown(ss *sessions, reason string) {
	ss.stopAll()
	logLine("info", "publisher stopped", map[string]any{"reason": reason})
}

func readCommands(r io.Reader, ss *sessions) {
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		var c command
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			logLine("error", "unreadable command", map[string]any{"error": err.Error()})
			continue
		}
		switch c.Cmd {
		case "start":
			ss.start(c.ID, c.Feeds)
		case "stop":
			ss.stopSession(c.ID)
		case "pause":
			ss.pause(c.ID)
		case "resume":
			ss.resume(c.ID)
		default:
			logLine("error", "unknown command", map[string]any{"cmd": c.Cmd})
		}
	}
}

// newEmitter writes events as JSON lines; whole lines, whichever goroutine emits.
func newEmitter(w io.Writer) func(event) {
	var mu sync.Mutex
	enc := json.NewEncoder(w)
	return func(e event) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(e)
	}
}
