package io.enjoy.worker.files;

/** The file on disk changed since the worker read it; the worker does not overwrite it silently. */
public class FileChangedException extends Exception {
  private static final long serialVersionUID = 1L;

  public FileChangedException(String message) {
    super(message);
  }
}
