#!/usr/bin/python3
"""Writes the round-trip fixtures with Jupyter's own library (Debian's python3-nbformat), so the
files are byte for byte what Jupyter writes. Run from this folder: /usr/bin/python3 make_fixtures.py
The generated .ipynb files are committed; the worker must read and re-write them unchanged."""
import base64
import nbformat
from nbformat.v4 import (new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output)

# A 1x1 red PNG, real image bytes.
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a3e1a6e40000000049454e44ae426082")).decode()
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">\n'
       ' <rect width="10" height="10" fill="red"/>\n</svg>\n')

JAVA_META = {
    "kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
    "language_info": {"name": "Java", "codemirror_mode": "java", "file_extension": ".jshell",
                      "mimetype": "text/x-java-source", "pygments_lexer": "java", "version": "17.0.15"},
}


def outputs_notebook():
    nb = new_notebook(metadata=dict(JAVA_META))
    nb.cells = [
        new_markdown_cell("# Outputs of every kind\n\nStreams, results, images and errors."),
        new_code_cell("System.out.println(\"hello\");\nSystem.err.println(\"careful\");", execution_count=1,
                      outputs=[new_output("stream", name="stdout", text="hello\nworld\n"),
                               new_output("stream", name="stderr", text="careful\n")]),
        new_code_cell("1 + 1", execution_count=2,
                      outputs=[new_output("execute_result", execution_count=2, data={"text/plain": "2"})]),
        new_code_cell("display(plot)", execution_count=3,
                      outputs=[new_output("display_data",
                                          data={"image/png": PNG, "image/svg+xml": SVG, "text/plain": "<Plot 10x10>"},
                                          metadata={"image/png": {"width": 10, "height": 10}})]),
        new_code_cell("int x = 1 / 0;", execution_count=4,
                      outputs=[new_output("error", ename="java.lang.ArithmeticException", evalue="/ by zero",
                                          traceback=["\u001b[31mjava.lang.ArithmeticException: / by zero\u001b[0m",
                                                     "\tat .(#4:1)"])]),
        new_code_cell("", execution_count=None),
    ]
    return nb


def attachments_and_raw_notebook():
    nb = new_notebook(metadata=dict(JAVA_META, title="Attachments and raw cells", authors=[{"name": "Jörg Übel"}]))
    nb.cells = [
        new_markdown_cell("A picture: ![dot](attachment:dot.png)\n\nMath: $m^2 = E^2 - |\\vec p|^2$",
                          attachments={"dot.png": {"image/png": PNG}}),
        new_raw_cell("\\begin{equation}\nE = mc^2\n\\end{equation}", metadata={"format": "text/latex"}),
        new_raw_cell("plain raw text, kept as is\n"),
        new_code_cell("var v = new FourVector(172.5, 0, 0, 0);\nv.mass()", execution_count=7,
                      metadata={"tags": ["solution"], "collapsed": False, "scrolled": "auto",
                                "nbgrader": {"grade": False, "solution": True, "locked": False,
                                             "grade_id": "mass", "schema_version": 3},
                                "execution": {"iopub.execute_input": "2026-11-30T10:00:00.123456Z",
                                              "shell.execute_reply": "2026-11-30T10:00:00.456789Z"}},
                      outputs=[new_output("execute_result", execution_count=7, data={"text/plain": "172.5"},
                                          metadata={})]),
    ]
    return nb


def widgets_unicode_notebook():
    nb = new_notebook(metadata=dict(JAVA_META))
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2, "version_minor": 0,
            "state": {"4f1c": {"model_name": "IntSliderModel", "model_module": "@jupyter-widgets/controls",
                               "model_module_version": "2.0.0", "state": {"value": 3, "max": 10, "step": 0.5,
                                                                          "tiny": 1e-05, "big": 1e+20}}}}}
    nb.metadata["toc"] = {"number_sections": True, "sideBar": True}
    nb.cells = [
        new_markdown_cell("Ünïcödé: ΔE ≈ 2π · ħ — 日本語 — emoji 🚀\ttab\r\nwindows line\rold mac line"),
        new_code_cell("String s = \"naïve → café\";\ns", execution_count=1,
                      outputs=[new_output("execute_result", execution_count=1,
                                          data={"text/plain": "\"naïve → café\"",
                                                "text/html": "<b>naïve</b>\n<i>café</i>",
                                                "application/json": {"a": [1, 2.5, None, True], "b": "x\ny"},
                                                "application/vnd.jupyter.widget-view+json":
                                                    {"model_id": "4f1c", "version_major": 2, "version_minor": 0}})]),
        new_code_cell("// control chars \u0001 and quotes \" and backslash \\", metadata={"editable": False, "deletable": False}),
    ]
    return nb


def no_ids_v44_notebook():
    """An nbformat 4.4 notebook (no cell ids), as older Jupyter versions wrote them."""
    nb = nbformat.from_dict({
        "nbformat": 4, "nbformat_minor": 4, "metadata": dict(JAVA_META),
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "Old notebook\nwithout ids"},
            {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "1 + 2",
             "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                          "data": {"text/plain": "3"}}]},
        ]})
    return nb


for name, nb in [("outputs.ipynb", outputs_notebook()),
                 ("attachments-raw.ipynb", attachments_and_raw_notebook()),
                 ("widgets-unicode.ipynb", widgets_unicode_notebook())]:
    nbformat.validate(nb)
    nbformat.write(nb, name)

# Written without validation/upgrade, the way an nbformat 4.4 writer stored it.
with open("v44-no-ids.ipynb", "w", encoding="utf-8") as f:
    nbformat.write(no_ids_v44_notebook(), f, version=nbformat.NO_CONVERT)
