#!/usr/bin/env python3
"""The NetworkX side of dyad's scale benchmark (benches/scale.rs runs it).

Builds the same graph dyad loads, from the edge list `dyad synth` writes (one row per claim
link, with the claim's attributes and quote, so memory is compared like for like), then times
the operations dyad's queries correspond to on the same actor pairs. Prints one JSON object.
"""
import argparse
import json
import resource
import statistics
import sys
import time

import networkx as nx


def timed(fn, repeat):
    """Median wall time of fn() in seconds, over `repeat` runs."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edges", required=True)
    ap.add_argument("--pairs", required=True, help="TSV of actor id pairs, one per line")
    ap.add_argument("--all-pairs", type=int, default=5)
    ap.add_argument("--ego", type=int, default=3)
    ap.add_argument("--betweenness-k", type=int, default=100)
    ap.add_argument("--skip-betweenness", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    G = nx.MultiGraph()
    with open(args.edges, encoding="utf-8") as f:
        next(f)
        for line in f:
            u, v, kind, action, date, certainty, doc, quote = line.rstrip("\n").split("\t")
            G.add_edge(u, v, kind=kind, action=action, date=date, certainty=certainty,
                       document=doc, quote=quote)
    build = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    pairs = [tuple(l.split()) for l in open(args.pairs, encoding="utf-8") if l.strip()]
    out = {
        "networkx": nx.__version__,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "build_s": build,
        "peak_mb": peak_kb / 1024,
    }

    def each(pairs_, fn):
        return lambda: [fn(a, b) for a, b in pairs_]

    out["path_s"] = timed(each(pairs, lambda a, b: nx.bidirectional_shortest_path(G, a, b)), 5) / len(pairs)
    few = pairs[: args.all_pairs]
    out["all_paths_s"] = timed(each(few, lambda a, b: list(nx.all_shortest_paths(G, a, b))), 1) / len(few)
    egos = [a for a, _ in pairs[: args.ego]]
    out["ego2_s"] = timed(lambda: [nx.ego_graph(G, a, radius=2) for a in egos], 1) / len(egos)
    if not args.skip_betweenness:
        out["betweenness_s"] = timed(
            lambda: nx.betweenness_centrality(G, k=args.betweenness_k, seed=42), 1)
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
