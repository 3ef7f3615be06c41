// The offline embedder: word vectors learned from the indexed corpus itself (no download, no packaged weights).

export { createOfflineEmbedderFactory, loadOfflineEmbedder, offlineEmbedderFactory } from './factory.js';
export { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './trainer.js';
