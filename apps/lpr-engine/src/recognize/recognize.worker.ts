import sharp from 'sharp';
import { workerData } from 'node:worker_threads';
import { loadOcrModels } from '../ocr/ocr-models';
import { InvalidImageError, PlateReader, type FrameReading } from '../ocr/plate-reader';

/** What the main thread gives every recognition worker. */
export interface RecognizeWorkerData {
  modelsDir: string;
  /** onnxruntime intra-op threads of each session (one thread per worker is the budgeted cost). */
  intraOpThreads: number;
  /** Long side frames are scaled to for the detector (LPR_DETECTOR_MAX_SIDE). */
  detectorMaxSide: number;
}

/** A worker's answer: errors the caller must tell apart travel as values, not as cloned exceptions. */
export type WorkerReading =
  { ok: true; reading: FrameReading; elapsedMs: number } | { ok: false; invalidImage: string };

/**
 * One recognition worker thread (piscina): loads its own PP-OCRv4 sessions once, then reads one frame
 * per task. Decoding, the detector, the recogniser and the pixel loops all run here, so the service's
 * event loop only parses HTTP and answers probes.
 */
async function start(): Promise<(jpeg: Uint8Array) => Promise<WorkerReading>> {
  const { modelsDir, intraOpThreads, detectorMaxSide } = workerData as RecognizeWorkerData;
  // libvips' own thread pool would add threads per worker beyond the ones this worker is budgeted.
  sharp.concurrency(intraOpThreads);
  const reader = new PlateReader(await loadOcrModels(modelsDir, intraOpThreads), {
    detectorMaxSide,
  });
  return async (jpeg) => {
    const started = performance.now();
    try {
      const reading = await reader.read(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
      return { ok: true, reading, elapsedMs: performance.now() - started };
    } catch (error) {
      if (error instanceof InvalidImageError) return { ok: false, invalidImage: error.message };
      throw error;
    }
  };
}

export default start();
