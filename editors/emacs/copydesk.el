;;; copydesk.el --- Eglot setup for the copydesk language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "29.1"))
;; Keywords: languages, wp, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Runs `copydesk lsp --stdio' through Eglot (built into Emacs 29+) for
;; Markdown and plain-text buffers: diagnostics through Flymake, hover
;; cards through ElDoc, completion through completion-at-point, and
;; quick-fixes through `eglot-code-actions'.
;;
;;   (add-to-list 'load-path "/path/to/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;   (add-hook 'text-mode-hook #'eglot-ensure)
;;
;; Settings go to the server as initializationOptions (from
;; `copydesk-settings') and, per project, through
;; `eglot-workspace-configuration' in .dir-locals.el:
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:copydesk (:kb ["kb/people.toml"] :articleDate "2022-01-12"))))))

;;; Code:

(require 'eglot)

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
files), :rules (plist of rule id to (:severity \"off\"|\"hint\"|
\"info\"|\"warning\"|\"error\")), :articleDate (\"YYYY-MM-DD\"),
:quote (:minWords N), :inlayHints (:speakers t or :json-false).
Vectors become JSON arrays; use :json-false for false."
  :type 'sexp)

(defconst copydesk-modes '(markdown-mode gfm-mode markdown-ts-mode text-mode)
  "Major modes whose buffers copydesk checks.")

(defun copydesk--contact (&optional _interactive _project)
  "The Eglot server contact for copydesk, read when the server starts."
  (unless (executable-find copydesk-program)
    (user-error "copydesk: cannot find the language server %S; install copydesk or set `copydesk-program'"
                copydesk-program))
  (list copydesk-program "lsp" "--stdio" :initializationOptions copydesk-settings))

;; A function contact lets `copydesk-program' and `copydesk-settings' change without re-registering.
(add-to-list 'eglot-server-programs `(,copydesk-modes . copydesk--contact))

(defun copydesk-fix-all ()
  "Apply every safe copydesk fix in the buffer (code action source.fixAll.copydesk)."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.copydesk" t))

(defun copydesk-restart ()
  "Restart the copydesk server for this buffer's project."
  (interactive)
  (call-interactively #'eglot-reconnect))

(provide 'copydesk)
;;; copydesk.el ends here
