// Command publisher is the demo cameras' RTSP server: as a real IP camera does, it serves each
// camera's streams (its clips, looped in real time) and MediaMTX pulls them, one process for all
// cameras, driven by the camera simulator through JSON lines.
//
// Commands, one per line on stdin (id: the simulator's number for one camera's session, never reused):
//
//	{"cmd":"start","id":7,"feeds":[{"clip":"/…/cam_3-….mp4","path":"sim_3"},{"clip":"/…/cam_3-sub-….mp4","path":"sim_3_sub"}]}
//	                           serve rtsp://host:port/sim_3 and /sim_3_sub (H.264, looping)
//	{"cmd":"pause","id":7}     send nothing, readers stay connected (a hung camera)
//	{"cmd":"resume","id":7}    carry on from the frame it stopped at
//	{"cmd":"stop","id":7}      stop serving the paths and disconnect their readers
//
// Events, one per line on stdout:
//
//	{"event":"failed","id":7,"error":"…"}  the session ended by itself (clip unreadable, path already
//	                                        served, stream broken); for a paused session, reported on resume
//	{"event":"stopped","id":7}              answer to stop, once its streams are closed (which disconnects
//	                                        their readers)
//
// A path no session serves is 404. PUBLISHER_RTSP_URL, rtsp://user:password@host:port, gives the
// address to listen on (TCP only: no UDP transport) and the credentials every reader must present
// (basic or digest); it comes from the environment, never argv (any local user can read a command
// line). The process exits when stdin closes (its simulator is gone) or on SIGTERM or SIGINT, after
// stopping every session; logs are JSON lines on stderr.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"os/signal"
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
	address, user, pass, err := parseConfig(os.Getenv("PUBLISHER_RTSP_URL"))
	if err != nil {
		logLine("error", err.Error(), nil)
		os.Exit(2)
	}
	ss, err := listen(address, user, pass, newEmitter(os.Stdout))
	if err != nil {
		logLine("error", "cannot listen", map[string]any{"address": address, "error": err.Error()})
		os.Exit(1)
	}
	logLine("info", "publisher listening", map[string]any{"pid": os.Getpid(), "address": ss.server.NetListener().Addr().String()})

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

// parseConfig reads PUBLISHER_RTSP_URL: the address to listen on and the readers' credentials.
func parseConfig(raw string) (address, user, pass string, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "rtsp" || u.Port() == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "", "", "", errors.New("PUBLISHER_RTSP_URL must be rtsp://user:password@host:port")
	}
	pass, _ = u.User.Password()
	if u.User.Username() == "" || pass == "" {
		return "", "", "", errors.New("PUBLISHER_RTSP_URL must hold the readers' user and password (rtsp://user:password@host:port)")
	}
	return u.Host, u.User.Username(), pass, nil
}

func shutdown(ss *sessions, reason string) {
	ss.close()
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
