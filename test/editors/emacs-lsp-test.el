;;; emacs-lsp-test.el --- Emacs + eglot as an LSP client of the Alloy Analyzer language server  -*- lexical-binding: t -*-
;;
;;   emacs --batch -l test/editors/emacs-lsp-test.el
;;
;; Needs Emacs 28 or later with eglot (Debian: emacs-nox elpa-eglot).  Environment, all set by
;; test/editors/run-emacs.mjs with a private HOME:
;;   ALLOY_SERVER        path of server/dist/cli.js (started as `node ALLOY_SERVER serve --stdio`)
;;   ALLOY_WORKSPACE     a copy of test/fixtures/editors/workspace
;;   ALLOY_FMT_EXPECTED  a file holding what `alloy-analyzer fmt unformatted.alloy` prints
;;   ALLOY_WAIT_MS       how long to wait for each answer of the server (default 20000)
;; Prints one line per check and a closing `N passed, N failed'; exits non-zero on any failure.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar alloy-test-server (or (getenv "ALLOY_SERVER") (error "Set ALLOY_SERVER to server/dist/cli.js")))
(defvar alloy-test-workspace (file-name-as-directory
                              (or (getenv "ALLOY_WORKSPACE") (error "Set ALLOY_WORKSPACE"))))
(defvar alloy-test-fmt-expected (getenv "ALLOY_FMT_EXPECTED"))
(defvar alloy-test-wait-seconds (/ (string-to-number (or (getenv "ALLOY_WAIT_MS") "20000")) 1000.0))
(defvar alloy-test-t0 (float-time))
(defvar alloy-test-passed 0)
(defvar alloy-test-failed 0)

(defconst alloy-test-self-monitoring
  '("self-monitoring-logs" "self-monitoring-metrics" "self-monitoring-traces"))

(defun alloy-test-log (format-string &rest args)
  (princ (format "[emacs %.2fs] %s\n" (- (float-time) alloy-test-t0) (apply #'format format-string args))))

(defun alloy-test-check (name ok &optional detail)
  (if ok
      (progn (cl-incf alloy-test-passed) (princ (format "ok - %s\n" name)))
    (cl-incf alloy-test-failed)
    (princ (format "not ok - %s%s\n" name (if detail (format ": %s" detail) ""))))
  ok)

(define-derived-mode alloy-mode prog-mode "Alloy" "Major mode for Grafana Alloy configuration files.")
(add-to-list 'auto-mode-alist '("\\.alloy\\'" . alloy-mode))
(add-to-list 'eglot-server-programs `(alloy-mode . ("node" ,alloy-test-server "serve" "--stdio")))
(setq eglot-sync-connect t)

(defun alloy-test-lsp-diagnostics ()
  "The LSP diagnostics eglot handed to flymake in the current buffer, as the server sent them."
  (cl-loop for d in (flymake-diagnostics)
           for spec = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
           when spec collect spec))

(defun alloy-test-codes (specs)
  (sort (mapcar (lambda (s) (format "%s" (plist-get s :code))) specs) #'string<))

(defun alloy-test-describe (specs)
  (if (null specs) "(none)"
    (mapconcat (lambda (s)
                 (let ((start (plist-get (plist-get s :range) :start))
                       (end (plist-get (plist-get s :range) :end)))
                   (format "%s sev %s %d:%d-%d:%d" (plist-get s :code) (plist-get s :severity)
                           (plist-get start :line) (plist-get start :character)
                           (plist-get end :line) (plist-get end :character))))
               specs "; ")))

(defun alloy-test-wait (predicate)
  "Process server output until PREDICATE holds or the wait limit passes; return its last value."
  (let ((deadline (+ (float-time) alloy-test-wait-seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Batch mode runs no idle timers: ask flymake for eglot's stored diagnostics.
      (flymake-start))
    (funcall predicate)))

(defun alloy-test-wait-codes (codes)
  (alloy-test-wait (lambda () (cl-subsetp codes (alloy-test-codes (alloy-test-lsp-diagnostics)) :test #'equal))))

(defun alloy-test-open (name)
  (let ((buffer (find-file-noselect (expand-file-name name alloy-test-workspace))))
    (set-buffer buffer)
    buffer))

(defun alloy-test-main ()
  ;; 1. A configuration without self-monitoring: exactly the three notes, as Information.
  (alloy-test-open "no-self-monitoring.alloy")
  (eglot '(alloy-mode) (cons 'transient alloy-test-workspace) 'eglot-lsp-server
         `("node" ,alloy-test-server "serve" "--stdio") "alloy")
  (alloy-test-check "eglot manages the buffer" (eglot-managed-p))
  (let* ((server (eglot-current-server))
         (arrived (alloy-test-wait-codes alloy-test-self-monitoring))
         (specs (alloy-test-lsp-diagnostics)))
    (alloy-test-log "diagnostics for no-self-monitoring.alloy: %s" (alloy-test-describe specs))
    (alloy-test-check "the three self-monitoring diagnostics arrive" arrived (alloy-test-describe specs))
    (alloy-test-check "exactly those three"
                      (equal (alloy-test-codes specs) alloy-test-self-monitoring) (alloy-test-describe specs))
    (alloy-test-check "all Information, source alloy-analyzer"
                      (and specs (cl-every (lambda (s) (and (eql (plist-get s :severity) 3)
                                                            (equal (plist-get s :source) "alloy-analyzer")))
                                           specs))
                      (alloy-test-describe specs))

    ;; 2. A quick fix is offered for one of them.
    (let ((target (cl-find "self-monitoring-metrics" specs
                           :key (lambda (s) (plist-get s :code)) :test #'equal)))
      (when (alloy-test-check "a self-monitoring-metrics diagnostic to fix" target)
        (let* ((actions (condition-case err
                            (append (jsonrpc-request
                                     server :textDocument/codeAction
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :range (plist-get target :range)
                                           :context (list :diagnostics (vector target) :only ["quickfix"]))
                                     :timeout alloy-test-wait-seconds)
                                    nil)
                          (error (alloy-test-log "textDocument/codeAction: %s" (error-message-string err))
                                 nil)))
               (titles (mapconcat (lambda (a) (format "%s [%s]" (plist-get a :title) (plist-get a :kind)))
                                  actions " | "))
               (fixes (cl-remove-if-not
                       (lambda (a) (string-match-p "\\`quickfix\\(\\.\\|\\'\\)" (or (plist-get a :kind) "")))
                       actions)))
          (alloy-test-log "code actions: %s" (if actions titles "(none)"))
          (alloy-test-check "textDocument/codeAction offers a quick fix" fixes titles)
          (alloy-test-check "one quick fix is preferred"
                            (cl-some (lambda (a) (eq (plist-get a :isPreferred) t)) fixes) titles))))

    ;; 3. A second logging block is an Error on its name (line 7, columns 1-7).
    (alloy-test-open "duplicate-logging.alloy")
    (unless (eglot-managed-p) (eglot--maybe-activate-editing-mode))
    (alloy-test-wait-codes '("duplicate-block"))
    (let* ((specs (alloy-test-lsp-diagnostics))
           (dup (cl-find "duplicate-block" specs :key (lambda (s) (plist-get s :code)) :test #'equal))
           (range (plist-get dup :range)))
      (alloy-test-check "duplicate logging block: Error on the second block name"
                        (and dup (eql (plist-get dup :severity) 1)
                             (equal range '(:start (:line 6 :character 0) :end (:line 6 :character 7))))
                        (alloy-test-describe specs)))

    ;; 4. eglot-format-buffer gives what `alloy-analyzer fmt' prints.
    (when alloy-test-fmt-expected
      (alloy-test-open "unformatted.alloy")
      (unless (eglot-managed-p) (eglot--maybe-activate-editing-mode))
      (let ((before (buffer-string))
            (expected (with-temp-buffer (insert-file-contents alloy-test-fmt-expected) (buffer-string))))
        (condition-case err (eglot-format-buffer)
          (error (alloy-test-log "eglot-format-buffer: %s" (error-message-string err))))
        (alloy-test-check "eglot-format-buffer changes the unformatted buffer"
                          (not (equal before (buffer-string))))
        (alloy-test-check "the formatted buffer is what fmt prints" (equal (buffer-string) expected)
                          (if (equal before (buffer-string)) "unchanged" (buffer-string)))))

    ;; 5. Completion (through eglot's completion-at-point) and hover.
    (alloy-test-open "completion.alloy")
    (unless (eglot-managed-p) (eglot--maybe-activate-editing-mode))
    (goto-char (point-max))
    (insert "\nprometheus.")
    (let* ((capf (eglot-completion-at-point))
           (table (nth 2 capf))
           (candidates (and table (all-completions "prometheus." table))))
      (alloy-test-log "completion after prometheus.: %d candidates" (length candidates))
      (alloy-test-check "completion-at-point after `prometheus.' offers prometheus.scrape"
                        (member "prometheus.scrape" candidates) (format "%S" (seq-take candidates 20)))
      (alloy-test-check "only prometheus.* components"
                        (and candidates (cl-every (lambda (c) (string-prefix-p "prometheus." c)) candidates))
                        (format "%S" (seq-take candidates 20))))
    ;; Inside forward_to = [] (line 15, after the `['): only metrics receivers.
    (goto-char (point-min))
    (forward-line 14)
    (search-forward "[")
    (let* ((capf (eglot-completion-at-point))
           (table (nth 2 capf))
           (candidates (and table (all-completions "" table))))
      (alloy-test-check "completion inside forward_to offers only the metrics receiver"
                        (equal candidates '("prometheus.remote_write.mimir.receiver")) (format "%S" candidates)))
    (let* ((hover (condition-case err
                      (jsonrpc-request server :textDocument/hover
                                       (list :textDocument (eglot--TextDocumentIdentifier)
                                             :position (list :line 6 :character 3))
                                       :timeout alloy-test-wait-seconds)
                    (error (alloy-test-log "textDocument/hover: %s" (error-message-string err)) nil)))
           (text (or (plist-get (plist-get hover :contents) :value) "")))
      (alloy-test-check "hover on loki.write names it and links to its reference page"
                        (and (string-match-p "loki\\.write" text)
                             (string-match-p (regexp-quote "https://grafana.com/docs/alloy/latest/reference/components/loki/loki.write/") text))
                        text))

    ;; 6. A clean shutdown: shutdown request, exit notification, exit code 0.
    (let ((proc (jsonrpc--process server)))
      (setf (eglot--shutdown-requested server) t)
      (condition-case err
          (progn (jsonrpc-request server :shutdown nil :timeout alloy-test-wait-seconds)
                 (jsonrpc-notify server :exit nil))
        (error (alloy-test-log "shutdown: %s" (error-message-string err))))
      (alloy-test-wait (lambda () (not (process-live-p proc))))
      (alloy-test-check "the server exits with code 0 after shutdown and exit"
                        (and (eq (process-status proc) 'exit) (eql (process-exit-status proc) 0))
                        (format "%s %s" (process-status proc) (process-exit-status proc))))))

(condition-case err
    (alloy-test-main)
  (error (alloy-test-check "the test script runs to the end" nil (error-message-string err))))
(princ (format "%d passed, %d failed\n" alloy-test-passed alloy-test-failed))
(kill-emacs (if (zerop alloy-test-failed) 0 1))

;;; emacs-lsp-test.el ends here
