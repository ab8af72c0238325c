package io.enjoy.worker.notebook;

/** A file that cannot be used as an nbformat-4 notebook; the message says why, for the user. */
public class NotebookFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotebookFormatException(String message) {
    super(message);
  }
}
