package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// feedSpec is one clip and the MediaMTX path it goes to.
type feedSpec struct {
	Clip string `json:"clip"`
	Path string `json:"path"`
}

// session is one camera's publishing: all its feeds, which start, pause, fail and stop together, as
// the streams of one real camera do.
type session struct {
	id    int
	specs []feedSpec
	stop  chan struct{}
	// failures gets the first error of any feed; buffered so that no sender ever blocks.
	failures chan error

	// Guarded by sessions.mu.
	feeds    []*feed
	origin   time.Time
	pausedAt time.Time
	stopping bool
	// failure of a paused session, reported only on resume: a hung camera's software notices
	// nothing until it runs again.
	failure error
}

func (s *session) paused() bool { return !s.pausedAt.IsZero() }

// fail records the first error; later ones are consequences of it.
func (s *session) fail(err error) {
	select {
	case s.failures <- err:
	default:
	}
}

// sessions publishes every camera's session, all paced by one timer loop (tick).
type sessions struct {
	baseURL string
	clips   clipCache
	emit    func(event)

	mu   sync.Mutex
	byID map[int]*session
	wg   sync.WaitGroup
}

func newSessions(baseURL string, emit func(event)) *sessions {
	return &sessions{baseURL: baseURL, emit: emit, byID: map[int]*session{}}
}

func (ss *sessions) start(id int, specs []feedSpec) {
	s := &session{id: id, specs: specs, stop: make(chan struct{}),
		failures: make(chan error, 1)}
	ss.mu.Lock()
	if _, dup := ss.byID[id]; dup {
		ss.mu.Unlock()
		ss.emit(event{Event: "failed", ID: id, Error: "session id already in use"})
		return
	}
	ss.byID[id] = s
	ss.mu.Unlock()
	ss.wg.Add(1)
	go ss.run(s)
}

// run connects a session's feeds, hands them to the timer loop and closes them when the session
// fails or is stopped.
func (ss *sessions) run(s *session) {
	defer ss.wg.Done()
	feeds, err := ss.dial(s)
	if err == nil {
		for i, f := range feeds {
			go func() { s.fail(fmt.Errorf("%s: %w", s.specs[i].Path, f.client.Wait())) }()
		}
		ss.mu.Lock()
		s.feeds, s.origin = feeds, time.Now()
		if s.paused() {
			s.pausedAt = s.origin
		}
		ss.mu.Unlock()
		select {
		case err = <-s.failures:
		case <-s.stop:
		}
	}
	ss.mu.Lock()
	feeds, s.feeds = s.feeds, nil
	ss.mu.Unlock()
	// Close sends TEARDOWN; after a failure it only releases the connection.
	for _, f := range feeds {
		f.client.Close()
	}
	ss.ended(s, err)
}

// dial connects every feed of a session, or none.
func (ss *sessions) dial(s *session) ([]*feed, error) {
	var feeds []*feed
	closeAll := func() {
		for _, f := range feeds {
			f.client.Close()
		}
	}
	for _, spec := range s.specs {
		c, err := ss.clips.load(spec.Clip)
		var f *feed
		if err == nil {
			f, err = dialFeed(ss.baseURL+"/"+spec.Path, c)
		}
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("%s: %w", spec.Path, err)
		}
		feeds = append(feeds, f)
		select {
		case <-s.stop:
			closeAll()
			return nil, errStopped
		default:
		}
	}
	return feeds, nil
}

var errStopped = errors.New("stopped")

func (ss *sessions) ended(s *session, err error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	switch {
	case s.stopping:
		delete(ss.byID, s.id)
		ss.emit(event{Event: "stopped", ID: s.id})
	case s.paused():
		s.failure = err
	default:
		delete(ss.byID, s.id)
		ss.emit(event{Event: "failed", ID: s.id, Error: err.Error()})
	}
}

// stopSession ends a session; "stopped" follows once its TEARDOWNs are sent.
func (ss *sessions) stopSession(id int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.byID[id]
	if !ok {
		// Already ended (its "failed" is on its way): the caller still waits for an answer.
		ss.emit(event{Event: "stopped", ID: id})
		return
	}
	if s.stopping {
		return
	}
	s.stopping = true
	if s.failure != nil {
		delete(ss.byID, id)
		ss.emit(event{Event: "stopped", ID: id})
		return
	}
	close(s.stop)
}

// pause freezes a session: its connections stay open and nothing is sent.
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

// tick sends every frame that is due. Writes only queue packets (each connection has its own
// writer), so one loop paces all cameras.
func (ss *sessions) tick(now time.Time) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, s := range ss.byID {
		if s.paused() {
			continue
		}
		for i, f := range s.feeds {
			if err := f.sendDue(now.Sub(s.origin)); err != nil {
				s.fail(fmt.Errorf("%s: %w", s.specs[i].Path, err))
				break
			}
		}
	}
}

// stopAll stops every session and waits until all have sent their TEARDOWNs.
func (ss *sessions) stopAll() {
	ss.mu.Lock()
	ids := make([]int, 0, len(ss.byID))
	for id := range ss.byID {
		ids = append(ids, id)
	}
	ss.mu.Unlock()
	for _, id := range ids {
		ss.stopSession(id)
	}
	ss.wg.Wait()
}
