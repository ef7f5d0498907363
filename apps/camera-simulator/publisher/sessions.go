package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/bluenviron/gortsplib/v5"
)

// feedSpec is one clip and the path it is served at.
type feedSpec struct {
	Clip string `json:"clip"`
	Path string `json:"path"`
}

// session is one camera: all its feeds, which start, pause, fail and stop together, as the streams
// of one real camera do. Guarded by sessions.mu.
type session struct {
	id    int
	specs []feedSpec
	// feeds is empty until its clips are loaded, and again once the session has ended.
	feeds    []*feed
	origin   time.Time
	pausedAt time.Time
	// failure of a paused session, reported only on resume: a hung camera's software notices
	// nothing until it runs again.
	failure error
}

func (s *session) paused() bool { return !s.pausedAt.IsZero() }

// sessions serves every camera's feeds from one RTSP server, all paced by one timer loop (tick).
type sessions struct {
	server *gortsplib.Server
	// user and pass are what every reader must present.
	user, pass string
	clips      clipCache
	emit       func(event)

	mu     sync.Mutex
	byID   map[int]*session
	byPath map[string]*feed
}

// listen starts the RTSP server on address (host:port, TCP only) with no feed yet.
func listen(address, user, pass string, emit func(event)) (*sessions, error) {
	ss := &sessions{user: user, pass: pass, emit: emit, byID: map[int]*session{}, byPath: map[string]*feed{}}
	ss.server = &gortsplib.Server{
		Handler:     ss,
		RTSPAddress: address,
		// A paused camera must send nothing at all, so that the reader's read timeout drops it as it
		// drops a hung camera; MediaMTX needs no sender reports (they only carry absolute time).
		DisableRTCPSenderReports: true,
	}
	if err := ss.server.Start(); err != nil {
		return nil, err
	}
	return ss, nil
}

func (ss *sessions) start(id int, specs []feedSpec) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if _, dup := ss.byID[id]; dup {
		ss.emit(event{Event: "failed", ID: id, Error: "session id already in use"})
		return
	}
	s := &session{id: id, specs: specs}
	ss.byID[id] = s
	// Mapping and parsing a clip the first time takes a while: meanwhile other sessions' commands
	// carry on.
	go ss.open(s)
}

// open loads a session's clips and serves its feeds, or ends it.
func (ss *sessions) open(s *session) {
	clips, err := ss.load(s.specs)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.byID[s.id] != s {
		// Stopped while its clips were loading.
		return
	}
	if err == nil {
		err = ss.serve(s, clips)
	}
	if err != nil {
		ss.fail(s, err)
		return
	}
	s.origin = time.Now()
	if s.paused() {
		s.pausedAt = s.origin
	}
}

func (ss *sessions) load(specs []feedSpec) ([]*clip, error) {
	clips := make([]*clip, len(specs))
	for i, spec := range specs {
		c, err := ss.clips.load(spec.Clip)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", spec.Path, err)
		}
		clips[i] = c
	}
	return clips, nil
}

// serve makes every feed of a session readable, or none. Called with ss.mu held.
func (ss *sessions) serve(s *session, clips []*clip) error {
	for i, spec := range s.specs {
		if _, taken := ss.byPath[spec.Path]; taken {
			ss.closeFeeds(s)
			return fmt.Errorf("%s: already served by another session", spec.Path)
		}
		f, err := newFeed(ss.server, spec.Path, clips[i])
		if err != nil {
			ss.closeFeeds(s)
			return fmt.Errorf("%s: %w", spec.Path, err)
		}
		ss.byPath[spec.Path] = f
		s.feeds = append(s.feeds, f)
	}
	return nil
}

// closeFeeds frees a session's paths and disconnects every reader of its feeds. Called with ss.mu
// held: closing a stream only signals its readers' sessions, it waits for none of them.
func (ss *sessions) closeFeeds(s *session) {
	for _, f := range s.feeds {
		delete(ss.byPath, f.path)
		f.stream.Close()
	}
	s.feeds = nil
}

// fail ends a session that failed by itself. Called with ss.mu held.
func (ss *sessions) fail(s *session, err error) {
	ss.closeFeeds(s)
	if s.paused() {
		s.failure = err
		return
	}
	delete(ss.byID, s.id)
	ss.emit(event{Event: "failed", ID: s.id, Error: err.Error()})
}

// stopSession ends a session; "stopped" follows once its streams are closed, which disconnects their
// readers.
func (ss *sessions) stopSession(id int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	// An unknown session has already ended (its "failed" is on its way): the caller still waits for
	// an answer.
	if s, ok := ss.byID[id]; ok {
		ss.closeFeeds(s)
		delete(ss.byID, id)
	}
	ss.emit(event{Event: "stopped", ID: id})
}

// pause freezes a session: its readers stay connected and get nothing.
func (ss *sessions) pause(id int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s, ok := ss.byID[id]; ok && !s.paused() {
		s.pausedAt = time.Now()
	}
}

// resume lets a paused session carry on from the frame it stopped at, or reports the failure that
// happened meanwhile.
func (ss *sessions) resume(id int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.byID[id]
	if !ok || !s.paused() {
		return
	}
	if s.failure != nil {
		delete(ss.byID, id)
		ss.emit(event{Event: "failed", ID: id, Error: s.failure.Error()})
		return
	}
	if !s.origin.IsZero() {
		s.origin = s.origin.Add(time.Since(s.pausedAt))
	}
	s.pausedAt = time.Time{}
}

// tick sends every frame that is due. Writes only queue packets (each reader has its own writer),
// so one loop paces all cameras.
func (ss *sessions) tick(now time.Time) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, s := range ss.byID {
		if s.paused() {
			continue
		}
		for _, f := range s.feeds {
			if err := f.sendDue(now.Sub(s.origin)); err != nil {
				ss.fail(s, fmt.Errorf("%s: %w", f.path, err))
				break
			}
		}
	}
}

// close stops every session, then the server.
func (ss *sessions) close() {
	ss.mu.Lock()
	for id, s := range ss.byID {
		ss.closeFeeds(s)
		delete(ss.byID, id)
		ss.emit(event{Event: "stopped", ID: id})
	}
	ss.mu.Unlock()
	ss.server.Close()
}
