package main

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"

	"github.com/bluenviron/mediacommon/v2/pkg/formats/mp4"
	"github.com/bluenviron/mediacommon/v2/pkg/formats/pmp4"
)

// clip is an H.264 MP4 clip ready to loop: its parameter sets and the time of every frame.
type clip struct {
	sps, pps  []byte
	timeScale int64
	// duration of one loop, in timeScale units.
	duration int64
	frames   []frame
}

type frame struct {
	// at is the frame's time from the start of the loop, in timeScale units.
	at      int64
	idr     bool
	payload func() ([]byte, error)
}

// parseClip reads the first video track of an MP4 whose samples are H.264 without B-frames (the
// demo clips), so presentation order is decoding order and a frame is sent at its own time.
func parseClip(data []byte) (*clip, error) {
	var p pmp4.Presentation
	if err := p.Unmarshal(bytes.NewReader(data)); err != nil {
		return nil, err
	}
	for _, track := range p.Tracks {
		codec, ok := track.Codec.(*mp4.CodecH264)
		if !ok || len(track.Samples) == 0 {
			continue
		}
		c := &clip{sps: codec.SPS, pps: codec.PPS, timeScale: int64(track.TimeScale)}
		for _, sample := range track.Samples {
			c.frames = append(c.frames, frame{at: c.duration, idr: !sample.IsNonSyncSample, payload: sample.GetPayload})
			c.duration += int64(sample.Duration)
		}
		if c.duration == 0 || c.timeScale == 0 {
			return nil, fmt.Errorf("H.264 track without duration")
		}
		return c, nil
	}
	return nil, fmt.Errorf("no H.264 track")
}

// frameAt returns frame n counted across loops, and its time from the start of the first loop, so
// timestamps keep increasing when the clip starts over.
func (c *clip) frameAt(n int64) (frame, int64) {
	loops, i := n/int64(len(c.frames)), n%int64(len(c.frames))
	f := c.frames[i]
	return f, loops*c.duration + f.at
}

// clipCache maps each clip file once and keeps it: clips are immutable (their names hold a hash of
// how they were rendered), and a mapping shares the page cache instead of copying every clip into
// this process (250 cameras' clips are ~850 MB).
type clipCache struct {
	mu    sync.Mutex
	clips map[string]*clip
}

func (cc *clipCache) load(path string) (*clip, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if c, ok := cc.clips[path]; ok {
		return c, nil
	}
	data, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	c, err := parseClip(data)
	if err != nil {
		syscall.Munmap(data)
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if cc.clips == nil {
		cc.clips = map[string]*clip{}
	}
	cc.clips[path] = c
	return c, nil
}

func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
}
