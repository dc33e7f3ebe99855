/**
 * The definitions every partition of `observation` shares with it (the indexes of the parent, by suffix): made by the
 * migration that partitioned the table, and by the publication engine for each partition it loads in bulk. A change
 * here needs a migration that rebuilds the indexes of the table and of its partitions.
 */
export const OBSERVATION_INDEXES = {
  pkey: "PRIMARY KEY (indicator_code, dataset_id, economy_code, year, breakdown_key)",
  latest_idx: "(indicator_code, dataset_id, breakdown_key, economy_code, year DESC)",
  economy_idx: "(economy_code, breakdown_key, indicator_code, dataset_id, year DESC)",
  release_idx: "USING brin (release) WITH (pages_per_range = 16)",
} as const;
