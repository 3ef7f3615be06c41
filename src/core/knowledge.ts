// The KnowledgePort: searchable company documents (implemented with LanceDB in src/knowledge/).

export interface KnowledgeHit {
  /** Document path relative to the folder that was indexed. */
  path: string;
  title: string;
  /** Heading path inside the document, e.g. `Access > AWS`. */
  heading: string;
  score: number;
  snippet: string;
  url?: string;
  audience: string;
}

export interface KnowledgeDocument {
  path: string;
  title: string;
  url?: string;
  audience: string;
  text: string;
}

export interface KnowledgePort {
  /** Ranked passages visible to the given audiences (e.g. `['public','it']`). */
  search(query: string, opts: { limit?: number; audiences: string[] }): Promise<KnowledgeHit[]>;
  getDocument(path: string, opts: { audiences: string[] }): Promise<KnowledgeDocument | null>;
}
