"""The framework's floor for the browser benchmark: a minimal Streamlit page with the same kinds of elements as the
dashboard's pages (one plotly chart, one pydeck map, one dataframe) and one filter. Not part of the product.

    streamlit run bench/floor/app.py    (bench/browser.py starts it on loopback)
"""

from common import draw

draw("Floor")
