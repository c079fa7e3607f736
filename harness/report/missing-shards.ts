import type { ShardInfo } from './campaign-report';

/** Shard numbers (1-based) of the campaign that `shard` does not include, ascending. */
export function missingShards(shard: ShardInfo, expectedCount: number = shard.count): number[] {
  const have = new Set(shard.indices);
  const out: number[] = [];
  for (let i = 1; i <= expectedCount; i++) if (!have.has(i)) out.push(i);
  return out;
}

/** `shard 2 of 4`, `shards 1, 3 of 4`, or '' when unsharded. */
export function shardText(shard: ShardInfo): string {
  if (shard.count <= 1) return '';
  return `shard${shard.indices.length > 1 ? 's' : ''} ${shard.indices.join(', ')} of ${shard.count}`;
}
