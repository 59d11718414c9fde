;;; copydesk-test.el --- ERT tests for copydesk.el  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by editors/emacs/test/run.sh:
;;   emacs --batch -L editors/emacs -l editors/emacs/test/copydesk-test.el -f ert-run-tests-batch-and-exit
;; with COPYDESK_BIN (the built server) and COPYDESK_ARTICLE (a copy of the seed article) set.
;; Which modes get the server and which command Eglot runs are checked with stand-in executables
;; on `exec-path'; the last test drives a real Eglot session against the real server.

;;; Code:

(require 'ert)
(require 'copydesk)
(require 'markdown-mode nil t)
(require 'org)
(require 'log-edit)

(defun copydesk-test--contact-for (mode)
  "The contact Eglot would compute for a buffer in MODE, or nil when copydesk does not serve it."
  (let* ((triplet (eglot--lookup-mode mode))
         (contact (nth 2 triplet)))
    (cond ((memq contact '(copydesk--contact copydesk-markdown-contact)) contact)
          (t nil))))

(defmacro copydesk-test--with-programs (names &rest body)
  "Run BODY with `exec-path' holding only stand-in executables NAMES."
  (declare (indent 1))
  `(let* ((dir (make-temp-file "copydesk-bin" t))
          (exec-path (list dir))
          (copydesk--told-about-multiplexer nil))
     (unwind-protect
         (progn
           (dolist (n ,names)
             (let ((f (expand-file-name n dir)))
               (with-temp-file f (insert "#!/bin/sh\n"))
               (set-file-modes f #o755)))
           ,@body)
       (delete-directory dir t))))

(ert-deftest copydesk-leaves-text-mode-and-its-children-alone ()
  (should-not (memq #'eglot-ensure text-mode-hook))
  (dolist (mode '(text-mode org-mode log-edit-mode))
    (should-not (copydesk-test--contact-for mode))))

(ert-deftest copydesk-serves-markdown-modes-and-copydesk-text-mode ()
  (should (eq (copydesk-test--contact-for 'copydesk-text-mode) 'copydesk--contact))
  (should (equal (nth 1 (eglot--lookup-mode 'copydesk-text-mode)) "plaintext"))
  (dolist (mode copydesk-markdown-modes)
    (should (eq (copydesk-test--contact-for mode) 'copydesk-markdown-contact))
    ;; gfm-mode too: the server must be told the text is Markdown.
    (should (equal (nth 1 (eglot--lookup-mode mode)) "markdown"))))

(ert-deftest copydesk-text-mode-is-a-text-mode ()
  (with-temp-buffer
    (copydesk-text-mode)
    (should (derived-mode-p 'text-mode))))

(ert-deftest copydesk-markdown-runs-copydesk-alone-when-no-companion-is-installed ()
  (copydesk-test--with-programs '("copydesk")
    (should (equal (copydesk-markdown-contact)
                   `("copydesk" "lsp" "--stdio" :initializationOptions ,copydesk-settings)))))

(ert-deftest copydesk-markdown-runs-both-servers-through-the-multiplexer ()
  (copydesk-test--with-programs '("copydesk" "marksman" "rass")
    (should (equal (copydesk-markdown-contact)
                   `("rass" "--" "marksman" "server" "--" "copydesk" "lsp" "--stdio"
                     :initializationOptions ,copydesk-settings)))))

(ert-deftest copydesk-markdown-never-replaces-marksman-without-a-multiplexer ()
  (copydesk-test--with-programs '("copydesk" "marksman")
    (should (equal (copydesk-markdown-contact) '("marksman" "server")))
    (should copydesk--told-about-multiplexer)
    (let ((copydesk-markdown-servers 'copydesk))
      (should (equal (car (copydesk-markdown-contact)) "copydesk")))
    (let ((copydesk-markdown-servers 'companions))
      (should (equal (copydesk-markdown-contact) '("marksman" "server"))))))

(ert-deftest copydesk-missing-server-is-a-clear-error ()
  (copydesk-test--with-programs '()
    (let ((err (should-error (copydesk--contact) :type 'user-error)))
      (should (string-match-p "cannot find the language server \"copydesk\"" (cadr err))))))

(ert-deftest copydesk-eglot-session-reports-the-caption-title-variant ()
  "A real Eglot session: the caption's `Secretary General' gets a title-variant diagnostic."
  (let ((bin (getenv "COPYDESK_BIN")))
    (unless (and bin (getenv "COPYDESK_ARTICLE"))
      (ert-skip "COPYDESK_BIN and COPYDESK_ARTICLE are not set (run test/run.sh)"))
    (let ((copydesk-program bin)
          (eglot-sync-connect t)
          (eglot-autoreconnect nil))
      (should (copydesk-test--session-finds-caption-variant #'copydesk-text-mode)))))

(defun copydesk-test--session-finds-caption-variant (mode)
  "Open the article in MODE, start Eglot, and return the title-variant diagnostic on the caption."
  (let ((buf (find-file-noselect (getenv "COPYDESK_ARTICLE"))))
    (unwind-protect
        (with-current-buffer buf
          (funcall mode)
          (apply #'eglot (eglot--guess-contact))
          (should (eglot-current-server))
          (flymake-start)
          (let ((deadline (+ (float-time) 30))
                found)
            (while (and (not found) (< (float-time) deadline))
              (accept-process-output nil 0.1)
              (setq found
                    (seq-find (lambda (d)
                                (and (string-match-p "Secretary-General" (flymake-diagnostic-text d))
                                     (string= (buffer-substring (flymake-diagnostic-beg d)
                                                                (flymake-diagnostic-end d))
                                              "Secretary General")))
                              (flymake-diagnostics))))
            (when found
              (message "copydesk e2e (%s): %s" mode (flymake-diagnostic-text found)))
            found))
      (with-current-buffer buf
        (when (eglot-current-server)
          (eglot-shutdown (eglot-current-server))))
      (kill-buffer buf))))

(ert-deftest copydesk-eglot-markdown-session-through-rass ()
  "Markdown with a companion server: Eglot runs rass, and copydesk's diagnostics come through it.
The companion is a second copydesk standing in for marksman, which Debian does not package."
  (let ((bin (getenv "COPYDESK_BIN")))
    (unless (and bin (getenv "COPYDESK_ARTICLE"))
      (ert-skip "COPYDESK_BIN and COPYDESK_ARTICLE are not set (run test/run.sh)"))
    (unless (executable-find "rass")
      (ert-skip "rass is not installed (pip install rassumfrassum)"))
    (unless (fboundp 'markdown-mode)
      (ert-skip "markdown-mode is not installed"))
    (let* ((copydesk-program bin)
           (copydesk-markdown-companions (list (list bin "lsp" "--stdio")))
           (copydesk-markdown-servers 'auto)
           (eglot-sync-connect t)
           (eglot-autoreconnect nil)
           (contact (with-temp-buffer (copydesk-markdown-contact))))
      (should (equal (car contact) "rass"))
      (should (copydesk-test--session-finds-caption-variant #'markdown-mode)))))

(provide 'copydesk-test)
;;; copydesk-test.el ends here
