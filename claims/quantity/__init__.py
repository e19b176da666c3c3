"""The quantity layer: every number in a text with its unit, range, qualifier and
offsets. It knows nothing of claims; the claim layer reads its `Quantity` objects.

>>> [(q.value, q.unit) for q in quantities("about 40 GB and a 3.25x speedup")]
[(40.0, 'GB'), (3.25, 'x')]
"""

from claims.quantity.find import Quantity, Rejected, find, quantities

__all__ = ["Quantity", "Rejected", "find", "quantities"]
