"""The legal books as hash chains: linking, verifying, anchoring (pure Python)."""
