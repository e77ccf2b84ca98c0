"""The framework's own limit: a bare Flask route returning a short string."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "hello"
