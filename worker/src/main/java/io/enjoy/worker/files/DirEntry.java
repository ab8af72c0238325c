package io.enjoy.worker.files;

/** One entry of a directory listing; {@code path} is relative to the notebook directory, with '/' separators. */
public record DirEntry(String name, String path, String type, long size, long modifiedMillis) {
  public static final String DIRECTORY = "directory";
  public static final String NOTEBOOK = "notebook";
  public static final String FILE = "file";
}
