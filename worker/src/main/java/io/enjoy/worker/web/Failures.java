package io.enjoy.worker.web;

import io.enjoy.worker.files.FileChangedException;
import io.enjoy.worker.files.PathRejectedException;
import io.enjoy.worker.notebook.NotebookFormatException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The HTTP status and user-facing message for a failure of a file or notebook operation. */
record Failures(int status, String message) {

  static Failures of(Throwable e) {
    if (e instanceof PathRejectedException) {
      return new Failures(400, e.getMessage());
    }
    if (e instanceof NoSuchFileException nsf) {
      return new Failures(404, (nsf.getReason() == null ? "no such file or directory" : nsf.getReason()) + ": " + nsf.getFile());
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException fae) {
      return new Failures(409, "a file with that name exists: " + fae.getFile());
    }
    if (e instanceof java.nio.file.DirectoryNotEmptyException dne) {
      return new Failures(409, "the directory is not empty: " + dne.getFile());
    }
    if (e instanceof AccessDeniedException ade) {
      return new Failures(403, "permission denied: " + ade.getFile());
    }
    if (e instanceof io.enjoy.worker.files.NotTextException) {
      return new Failures(415, e.getMessage());
    }
    if (e instanceof NotebookFormatException) {
      return new Failures(422, e.getMessage());
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return new Failures(422, "the file is not valid UTF-8 text");
    }
    if (e instanceof FileChangedException || e instanceof IllegalStateException) {
      return new Failures(409, e.getMessage());
    }
    return new Failures(500, "internal error: " + e);
  }
}
