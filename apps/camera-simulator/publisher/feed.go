package main

import (
	"time"

	"github.com/bluenviron/gortsplib/v5"
	"github.com/bluenviron/gortsplib/v5/pkg/description"
	"github.com/bluenviron/gortsplib/v5/pkg/format"
	"github.com/bluenviron/gortsplib/v5/pkg/format/rtph264"
	"github.com/bluenviron/mediacommon/v2/pkg/codecs/h264"
)

const rtpClockRate = 90000

// rtpPayloadMaxSize keeps packets within what MediaMTX forwards as they are (1440 bytes of payload):
// gortsplib's default (1450) makes MediaMTX repacketise every packet of every demo camera.
const rtpPayloadMaxSize = 1400

// feed serves one clip at one path: a stream that every reader of the path gets its packets from.
type feed struct {
	path    string
	clip    *clip
	stream  *gortsplib.ServerStream
	media   *description.Media
	encoder *rtph264.Encoder
	// next is the next frame to send, counted across loops.
	next int64
}

func newFeed(server *gortsplib.Server, path string, c *clip) (*feed, error) {
	forma := &format.H264{PayloadTyp: 96, PacketizationMode: 1, SPS: c.sps, PPS: c.pps}
	media := &description.Media{Type: description.MediaTypeVideo, Formats: []format.Format{forma}}
	encoder := &rtph264.Encoder{
		PayloadType:       forma.PayloadTyp,
		PacketizationMode: forma.PacketizationMode,
		PayloadMaxSize:    rtpPayloadMaxSize,
	}
	if err := encoder.Init(); err != nil {
		return nil, err
	}
	stream := &gortsplib.ServerStream{Server: server, Desc: &description.Session{Medias: []*description.Media{media}}}
	if err := stream.Initialize(); err != nil {
		return nil, err
	}
	return &feed{path: path, clip: c, stream: stream, media: media, encoder: encoder}, nil
}

// sendDue sends every frame due `elapsed` after the feed began, so a late tick catches up at once.
func (f *feed) sendDue(elapsed time.Duration) error {
	now := scale(int64(elapsed), f.clip.timeScale, int64(time.Second))
	for {
		fr, at := f.clip.frameAt(f.next)
		if at > now {
			return nil
		}
		if err := f.send(fr, scale(at, rtpClockRate, f.clip.timeScale)); err != nil {
			return err
		}
		f.next++
	}
}

// send hands a frame's packets to the stream, which only queues them for each reader (each has its
// own writer), so a slow reader never holds up the timer loop.
func (f *feed) send(fr frame, rtpTime int64) error {
	payload, err := fr.payload()
	if err != nil {
		return err
	}
	var au h264.AVCC
	if err := au.Unmarshal(payload); err != nil {
		return err
	}
	if fr.idr {
		// MP4 keeps the parameter sets in its header; in-band before each IDR, a reader joining
		// mid-stream decodes from the next keyframe, as with a real camera.
		au = append([][]byte{f.clip.sps, f.clip.pps}, au...)
	}
	packets, err := f.encoder.Encode(au)
	if err != nil {
		return err
	}
	for _, p := range packets {
		p.Timestamp = uint32(rtpTime)
		if err := f.stream.WritePacketRTP(f.media, p); err != nil {
			return err
		}
	}
	return nil
}

// scale converts v from units of 1/from to units of 1/to without overflowing for long runs.
func scale(v, to, from int64) int64 {
	return v/from*to + v%from*to/from
}
