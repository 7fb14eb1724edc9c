import { describe, expect, it } from 'vitest';
import { RuntimeMetrics } from './metrics.js';

describe('RuntimeMetrics', () => {
  it('hands visits and effect latencies counted on the call path to /metrics, each once, across scrapes', async () => {
    const metrics = new RuntimeMetrics();
    metrics.recordNodeVisit('Main', 'menu');
    metrics.recordNodeVisit('Main', 'menu');
    metrics.recordNodeVisit('Billing', 'menu');
    metrics.recordEffectLatency('play', 0.02);
    metrics.recordEffectLatency('play', 3);
    metrics.recordEffectLatency('transfer', 12);
    const first = await metrics.registry.metrics();
    expect(first).toContain('switchboard_node_visits_total{flow="Main",node="menu"} 2');
    expect(first).toContain('switchboard_node_visits_total{flow="Billing",node="menu"} 1');
    expect(first).toContain('switchboard_effect_latency_seconds_bucket{le="0.025",effect="play"} 1');
    expect(first).toContain('switchboard_effect_latency_seconds_bucket{le="5",effect="play"} 2');
    expect(first).toContain('switchboard_effect_latency_seconds_sum{effect="play"} 3.02');
    expect(first).toContain('switchboard_effect_latency_seconds_count{effect="transfer"} 1');

    metrics.recordNodeVisit('Main', 'menu');
    metrics.recordEffectLatency('play', 0.5);
    const second = await metrics.registry.metrics();
    expect(second).toContain('switchboard_node_visits_total{flow="Main",node="menu"} 3');
    expect(second).toContain('switchboard_node_visits_total{flow="Billing",node="menu"} 1');
    expect(second).toContain('switchboard_effect_latency_seconds_count{effect="play"} 3');
    expect(second).toContain('switchboard_effect_latency_seconds_count{effect="transfer"} 1');
  });

  it('keeps latencies in the histogram, not in memory, when nobody scrapes', async () => {
    const metrics = new RuntimeMetrics();
    for (let index = 0; index < 5000; index++) metrics.recordEffectLatency('play', 0.01);
    await new Promise((resolve) => setImmediate(resolve));
    // Folded without a scrape: what is left pending is less than one fold's worth.
    const pending = (metrics as unknown as { pendingLatencies: Map<string, number[]> }).pendingLatencies.get('play') ?? [];
    expect(pending.length).toBeLessThan(1024);
    expect(await metrics.registry.metrics()).toContain('switchboard_effect_latency_seconds_count{effect="play"} 5000');
  });
});
