package io.enjoy.worker.files;

/** A file the text editor refuses: not UTF-8 text (an image, an archive, …); the message says what to do instead. */
public class NotTextException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotTextException(String relative) {
    super("'" + relative + "' is a binary file, not text: it cannot be opened in the editor; download it instead");
  }
}
