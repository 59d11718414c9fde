;;; copydesk.el --- Eglot setup for the copydesk language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, wp, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Runs `copydesk lsp --stdio' through Eglot (built into Emacs 29+; the
;; `eglot' package on Emacs 28) for news drafts only: Markdown buffers
;; (`markdown-mode', `gfm-mode', `markdown-ts-mode') and plain-text
;; drafts in `copydesk-text-mode'.  It never claims `text-mode' itself,
;; so Org, commit-message and other text buffers are left alone.
;; Diagnostics come through Flymake, hover cards through ElDoc,
;; completion through completion-at-point, quick-fixes through
;; `eglot-code-actions'.
;;
;;   (add-to-list 'load-path "/path/to/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)        ; also runs in gfm-mode
;;   (add-hook 'copydesk-text-mode-hook #'eglot-ensure)
;;   ;; .txt files under a drafts folder are drafts:
;;   (add-to-list 'auto-mode-alist '("/drafts/.*\\.txt\\'" . copydesk-text-mode))
;;
;; Eglot runs one server per buffer.  A Markdown buffer that another
;; server (marksman) should also serve gets both through the rass
;; multiplexer (pip install rassumfrassum) when it is installed; see
;; `copydesk-markdown-servers'.
;;
;; Settings go to the server as initializationOptions (from
;; `copydesk-settings') and, per project, through
;; `eglot-workspace-configuration' in .dir-locals.el:
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:copydesk (:kb ["kb/people.toml"] :exclude ["README.md"]))))))

;;; Code:

(require 'eglot)
(require 'seq)

(defgroup copydesk nil
  "Copy-desk checks for news drafts, through the copydesk language server."
  :group 'tools
  :prefix "copydesk-")

(defcustom copydesk-program "copydesk"
  "The copydesk executable: a name on `exec-path' or an absolute file name."
  :type 'string)

(defcustom copydesk-settings
  '(:kb [] :quote (:minWords 4) :inlayHints (:speakers :json-false))
  "The server's `copydesk' settings object, as an Eglot plist.
Sent as initializationOptions.  Keys: :kb (a vector of KB TOML
files), :include and :exclude (vectors of globs relative to the
project root: only included, never excluded drafts are checked),
:rules (plist of rule id to (:severity \"off\"|\"hint\"|\"info\"|
\"warning\"|\"error\")), :articleDate (\"YYYY-MM-DD\"),
:quote (:minWords N), :inlayHints (:speakers t or :json-false).
Vectors become JSON arrays; use :json-false for false."
  :type 'sexp)

(defcustom copydesk-markdown-servers 'auto
  "Which servers run in a Markdown buffer.
Eglot gives a buffer one server, so running copydesk beside
another Markdown server takes a multiplexer (`copydesk-multiplexer').
  `auto'       copydesk and every installed `copydesk-markdown-companions'
               through the multiplexer when it is installed; copydesk
               alone when no companion is installed; otherwise the
               companion alone (copydesk never replaces it) and a
               message saying how to get both.
  `copydesk'   copydesk alone.
  `companions' the companions alone: copydesk stays out of Markdown."
  :type '(choice (const auto) (const copydesk) (const companions)))

(defcustom copydesk-markdown-companions '(("marksman" "server"))
  "Other Markdown language servers to keep, as command lists."
  :type '(repeat (repeat string)))

(defcustom copydesk-multiplexer '("rass")
  "Command that runs several stdio servers as one (rassumfrassum's rass).
It is called as MULTIPLEXER -- SERVER1... -- SERVER2..."
  :type '(repeat string))

(defconst copydesk-markdown-modes '(markdown-mode gfm-mode markdown-ts-mode)
  "Markdown major modes copydesk serves (with `copydesk-markdown-servers').")

;;;###autoload
(define-derived-mode copydesk-text-mode text-mode "Draft"
  "Major mode for a plain-text news draft checked by copydesk.
Only buffers in this mode (not every `text-mode' buffer) get the
copydesk server; add a file pattern to `auto-mode-alist' to use it.")

(defun copydesk--command ()
  "The copydesk server command, or a `user-error' naming what is missing."
  (unless (executable-find copydesk-program)
    (user-error "copydesk: cannot find the language server %S; install copydesk (see its README, Install) or set `copydesk-program'"
                copydesk-program))
  (list copydesk-program "lsp" "--stdio"))

(defun copydesk--contact (&optional _interactive _project)
  "The Eglot contact for a plain-text draft, read when the server starts."
  (append (copydesk--command) (list :initializationOptions copydesk-settings)))

(defvar copydesk--told-about-multiplexer nil
  "Non-nil once the user was told that both servers need a multiplexer.")

(defun copydesk-markdown-contact (&optional _interactive _project)
  "The Eglot contact for a Markdown buffer, following `copydesk-markdown-servers'."
  (let ((companions (seq-filter (lambda (c) (executable-find (car c)))
                                copydesk-markdown-companions))
        (mux (and copydesk-multiplexer (executable-find (car copydesk-multiplexer)))))
    (pcase copydesk-markdown-servers
      ('copydesk (copydesk--contact))
      ('companions (or (car companions)
                       (user-error "copydesk: none of `copydesk-markdown-companions' is installed")))
      (_
       (cond
        ((null companions) (copydesk--contact))
        (mux
         (append copydesk-multiplexer
                 (apply #'append (mapcar (lambda (c) (cons "--" c))
                                         (append companions (list (copydesk--command)))))
                 (list :initializationOptions copydesk-settings)))
        (t
         (unless copydesk--told-about-multiplexer
           (setq copydesk--told-about-multiplexer t)
           (message "copydesk: keeping %s for Markdown; to run copydesk beside it install rass (pip install rassumfrassum), or set `copydesk-markdown-servers' to `copydesk'"
                    (caar companions)))
         (car companions)))))))

;; Function contacts let the settings above change without re-registering.  Only these modes:
;; never `text-mode', from which Org, log-edit and other non-draft modes derive.
(add-to-list 'eglot-server-programs `((copydesk-text-mode :language-id "plaintext") . copydesk--contact))
;; Every Markdown mode says "markdown" (Eglot would send "gfm" for `gfm-mode'), so the server parses Markdown.
(add-to-list 'eglot-server-programs
             `(,(mapcar (lambda (m) (list m :language-id "markdown")) copydesk-markdown-modes)
               . copydesk-markdown-contact))

(defun copydesk-fix-all ()
  "Apply every safe copydesk fix in the buffer.
That is the code action of kind source.fixAll.copydesk."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.copydesk" t))

(defun copydesk-restart ()
  "Restart the copydesk server for this buffer's project."
  (interactive)
  (call-interactively #'eglot-reconnect))

(provide 'copydesk)
;;; copydesk.el ends here
